package io.exatlas.test.fake;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A stateful fake GPU cloud at the provider SPI, for placement tests and benchmarks: {@code h100} offers per region
 * with a price, capacity per region that creates use up (a create beyond it fails with
 * {@code INSUFFICIENT_CAPACITY}), prices that can change after a plan, scripted create failures (a capacity error, a
 * quota error, or an ambiguous one that created the resource anyway), and an optional latency per call. It records
 * every create it received, every resource it holds and every offer listing.
 */
public class FakeGpuCloud implements ComputeProvider {

	private final String id;

	/** Creates left per region. */
	public final Map<String, Integer> capacity = new ConcurrentHashMap<>();

	/** The price per GPU-hour per region (its offers). */
	public final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();

	/** Every create received, in order. */
	public final List<ComputeRequest> creates = new CopyOnWriteArrayList<>();

	/** The resources held. */
	public final List<Compute> resources = new CopyOnWriteArrayList<>();

	/** How many times offers were listed. */
	public final AtomicInteger offerFetches = new AtomicInteger();

	private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

	private volatile boolean configured = true;

	private volatile Duration latency = Duration.ZERO;

	/**
	 * Create the cloud.
	 * @param id its provider id
	 */
	public FakeGpuCloud(String id) {
		this.id = id;
	}

	/**
	 * Offer {@code h100} in a region at a price with this much capacity.
	 * @param region the region
	 * @param pricePerGpuHour the price, e.g. {@code "2.49"}
	 * @param capacity how many creates succeed there
	 * @return this cloud
	 */
	public FakeGpuCloud region(String region, String pricePerGpuHour, int capacity) {
		this.prices.put(region, new BigDecimal(pricePerGpuHour));
		this.capacity.put(region, capacity);
		return this;
	}

	/**
	 * Answer every call (listing, create) after this long, as a cloud across a network would.
	 * @param latency the latency
	 * @return this cloud
	 */
	public FakeGpuCloud latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/**
	 * Make the next create fail.
	 * @param kind the error's kind
	 * @param reason its reason, e.g. {@code INSUFFICIENT_CAPACITY}
	 * @param createdAnyway whether the resource was created all the same (an ambiguous failure)
	 */
	public void failNextCreate(ErrorKind kind, @Nullable ErrorReason reason, boolean createdAnyway) {
		this.failures.add(new Failure(kind, reason, createdAnyway));
	}

	/**
	 * Report the cloud as not configured (no credentials): placement does not ask it for offers.
	 */
	public void unconfigured() {
		this.configured = false;
	}

	private <T> Mono<T> later(Mono<T> call) {
		Duration wait = this.latency;
		return wait.isZero() ? call : Mono.delay(wait).then(call);
	}

	@Override
	public String id() {
		return this.id;
	}

	@Override
	public Set<Capability> capabilities() {
		return EnumSet.noneOf(Capability.class);
	}

	@Override
	public Mono<Boolean> configured() {
		return Mono.just(this.configured);
	}

	@Override
	public Flux<Offer> listOffers(ProviderContext context) {
		return later(Mono.empty()).thenMany(Flux.defer(() -> {
			this.offerFetches.incrementAndGet();
			List<Offer> offers = new ArrayList<>();
			this.prices.forEach((region, price) -> offers.add(new Offer(this.id, "h100", this.id + "-h100", null, region,
					CloudType.ANY, false, price, GpuAvailability.HIGH, null)));
			return Flux.fromIterable(offers);
		}));
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return later(Mono.fromCallable(() -> {
			this.creates.add(request);
			// A spawn without a region (not placed) goes to the fake's first region.
			String region = request.regionHints().isEmpty() ? this.prices.keySet().iterator().next()
					: request.regionHints().get(0);
			Failure failure = this.failures.poll();
			if (failure != null) {
				if (failure.createdAnyway()) {
					create(request, region);
				}
				throw ExAtlasException.builder(failure.kind())
					.provider(this.id)
					.reason(failure.reason())
					.message("scripted " + failure.kind() + " in " + region)
					.build();
			}
			Integer left = this.capacity.getOrDefault(region, 0);
			if (left <= 0) {
				throw ExAtlasException.builder(ErrorKind.PROVIDER)
					.provider(this.id)
					.status(400)
					.reason(ErrorReason.INSUFFICIENT_CAPACITY)
					.message("There are no longer any instances available in " + region)
					.build();
			}
			this.capacity.put(region, left - 1);
			return create(request, region);
		}));
	}

	private Compute create(ComputeRequest request, @Nullable String region) {
		Compute compute = Compute.builder(this.id + "-" + (this.resources.size() + 1), this.id)
			.status(ComputeStatus.RUNNING)
			.gpuType(request.gpu())
			.gpuCount(request.gpuCount())
			.region(region)
			.costPerHour(this.prices.get(region))
			.name(request.name())
			.build();
		this.resources.add(compute);
		return compute;
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return Mono.justOrEmpty(this.resources.stream().filter((compute) -> compute.id().equals(id)).findFirst());
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return Flux.fromIterable(this.resources);
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return Mono.fromRunnable(() -> this.resources.removeIf((compute) -> compute.id().equals(id)));
	}

	private record Failure(ErrorKind kind, @Nullable ErrorReason reason, boolean createdAnyway) {
	}

}
