package io.exatlas.benchmarks;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferCacheSettings;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.Placement;
import io.exatlas.placement.PlacementPlan;
import io.exatlas.placement.PlacementPlanner;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.test.fake.FakeGpuCloud;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import reactor.core.scheduler.Schedulers;

/**
 * Placement against its floors. Planning: the planner over 10,000 offers (constraints, reasons for every offer left
 * out, the ranking) vs the floor, a bare filter-and-sort of the same offers by price. Failover: a placement whose
 * first create fails for capacity and whose second succeeds, through the facade, with the offers cached, vs the two
 * provider calls alone; the fake cloud answers each call after 1 ms, as a cloud on a fast network would, so the
 * ratio is the time placement adds to the calls it must make.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class PlacementBenchmark {

	/** Offers planned over. */
	public static final int OFFERS = 10_000;

	private static final Duration PROVIDER_LATENCY = Duration.ofMillis(1);

	private final PlacementPlanner planner = new PlacementPlanner(OfferOrder.cheapestFirst());

	private final ComputeRequest request = ComputeRequest.builder().gpu("h100").image("img").build();

	private final PlacementPolicy policy = PlacementPolicy.builder().maxPricePerHour(new BigDecimal("8.00")).build();

	private List<Offer> offers;

	private FakeGpuCloud cloud;

	private ReactiveComputePlacement placement;

	@Setup(Level.Trial)
	public void setUp() {
		Random random = new Random(7);
		List<String> providers = List.of("runpod", "lambda-labs", "vast", "mock");
		List<Offer> generated = new ArrayList<>(OFFERS);
		for (int i = 0; i < OFFERS; i++) {
			String provider = providers.get(random.nextInt(providers.size()));
			generated.add(new Offer(provider, (random.nextInt(3) == 0) ? "a100" : "h100", provider + "-gpu-" + i,
					null, "region-" + random.nextInt(20), CloudType.values()[random.nextInt(3)], random.nextBoolean(),
					BigDecimal.valueOf(50 + random.nextInt(950), 2), GpuAvailability.HIGH, null));
		}
		this.offers = List.copyOf(generated);
		this.cloud = new FakeGpuCloud("flaky").region("r1", "2.00", Integer.MAX_VALUE)
			.region("r2", "2.10", Integer.MAX_VALUE)
			.latency(PROVIDER_LATENCY);
		ComputeProviders registered = new ComputeProviders(List.of(this.cloud), "flaky");
		this.placement = new ReactiveComputePlacement(
				new DefaultReactiveExAtlas(registered, ExAtlasEventPublisher.noop(), Clock.systemUTC(), "bench-"),
				registered, new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(),
						Runnable::run),
				OfferOrder.cheapestFirst(), ExAtlasEventPublisher.noop(), Clock.systemUTC(), Schedulers.parallel());
		this.placement.offers(this.request, PlacementPolicy.defaults()).block();
	}

	@Benchmark
	public PlacementPlan plan() {
		return this.planner.plan(this.request, this.policy, this.offers, List.of(), (offer) -> false);
	}

	@Benchmark
	public List<Offer> bareSort() {
		List<Offer> matching = new ArrayList<>();
		for (Offer offer : this.offers) {
			if ("h100".equals(offer.gpu())) {
				matching.add(offer);
			}
		}
		matching.sort(Comparator.comparing(Offer::pricePerGpuHour));
		return matching;
	}

	@Benchmark
	public Placement failover() {
		this.cloud.failNextCreate(ErrorKind.PROVIDER, ErrorReason.INSUFFICIENT_CAPACITY, false);
		Placement placed = this.placement.place(this.request, PlacementPolicy.defaults()).block();
		this.placement.cache().clearSkipList();
		forget();
		return placed;
	}

	@Benchmark
	public Compute providerCallsAlone() {
		ComputeRequest named = this.request.toBuilder().name("bench-x").clearRegionHints().regionHints("r1").build();
		this.cloud.failNextCreate(ErrorKind.PROVIDER, ErrorReason.INSUFFICIENT_CAPACITY, false);
		Compute created = this.cloud.spawn(named, ProviderContext.defaults())
			.onErrorResume((ex) -> this.cloud.spawn(named.toBuilder().clearRegionHints().regionHints("r2").build(),
					ProviderContext.defaults()))
			.block();
		forget();
		return created;
	}

	/** The fake keeps what it created; a benchmark creates millions. */
	private void forget() {
		this.cloud.resources.clear();
		this.cloud.creates.clear();
	}

}
