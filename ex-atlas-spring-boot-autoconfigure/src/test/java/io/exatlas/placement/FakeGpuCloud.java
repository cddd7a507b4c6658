package io.exatlas.placement;

import java.math.BigDecimal;
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
 * A stateful fake GPU cloud at the provider SPI: offers per region with a price, capacity per region that creates
 * use up, prices that can change after a plan, and scripted create failures (a capacity error, a quota error, or an
 * ambiguous one that created the resource anyway). It records every create it received and every resource it holds.
 */
final class FakeGpuCloud implements ComputeProvider {

	private final String id;

	final Map<String, Integer> capacity = new ConcurrentHashMap<>();

	final Map<String, BigDecimal> prices = new ConcurrentHashMap<>();

	final List<ComputeRequest> creates = new CopyOnWriteArrayList<>();

	final List<Compute> resources = new CopyOnWriteArrayList<>();

	final AtomicInteger offerFetches = new AtomicInteger();

	private final Queue<Failure> failures = new ConcurrentLinkedQueue<>();

	private volatile boolean configured = true;

	FakeGpuCloud(String id) {
		this.id = id;
	}

	/** Offer h100 in a region at a price with this much capacity. */
	FakeGpuCloud region(String region, String pricePerGpuHour, int capacity) {
		this.prices.put(region, new BigDecimal(pricePerGpuHour));
		this.capacity.put(region, capacity);
		return this;
	}

	void failNextCreate(ErrorKind kind, @Nullable ErrorReason reason, boolean createdAnyway) {
		this.failures.add(new Failure(kind, reason, createdAnyway));
	}

	void unconfigured() {
		this.configured = false;
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
		return Flux.defer(() -> {
			this.offerFetches.incrementAndGet();
			List<Offer> offers = new ArrayList<>();
			this.prices.forEach((region, price) -> offers.add(new Offer(this.id, "h100", this.id + "-h100", null, region,
					CloudType.ANY, false, price, GpuAvailability.HIGH, null)));
			return Flux.fromIterable(offers);
		});
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromCallable(() -> {
			this.creates.add(request);
			String region = request.regionHints().isEmpty() ? null : request.regionHints().get(0);
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
		});
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
