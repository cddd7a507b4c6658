package io.exatlas.providers.mock;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobMode;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.Offer;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.PortSpec;
import io.exatlas.compute.ProviderContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * An in-memory, thread-safe provider (id {@code mock}) that implements every operation. Resources are
 * {@code RUNNING} as soon as they are spawned; jobs move {@code IN_QUEUE → IN_PROGRESS → COMPLETED} one step per
 * {@code jobStepDelay} on the given scheduler, streaming one chunk per step, and echo their input as
 * {@code {"echo": input}}. A job whose input map has a {@value #FAIL_INPUT_KEY} entry ends {@code FAILED} with that
 * entry as its error.
 * <p>
 * In tests, inject it and call {@link #reset()} between tests; {@link #failNext(ComputeOperation, ExAtlasException)}
 * makes the next call of an operation fail. No credential is needed.
 */
public class MockComputeProvider implements ComputeProvider {

	/** The provider id. */
	public static final String ID = "mock";

	/** The job input key that makes a mock job fail. */
	public static final String FAIL_INPUT_KEY = "mockFailure";

	/** The public IP of every mock resource (TEST-NET-3, never routable). */
	public static final String PUBLIC_IP = "203.0.113.1";

	private static final Set<Capability> CAPABILITIES = EnumSet.of(Capability.SPOT, Capability.SERVERLESS,
			Capability.NETWORK_VOLUMES, Capability.HTTP_PROXY, Capability.RAW_TCP, Capability.WEBHOOKS);

	private final GpuCatalog catalog;

	private final Clock clock;

	private final Scheduler scheduler;

	private final Duration jobStepDelay;

	private final int jobSteps;

	private final ConcurrentMap<String, Compute> computes = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, ComputeRequest> requests = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, MockJob> jobs = new ConcurrentHashMap<>();

	private final ConcurrentMap<ComputeOperation, Queue<ExAtlasException>> failures = new ConcurrentHashMap<>();

	private final AtomicInteger offerFetches = new AtomicInteger();

	private volatile @Nullable List<Offer> offers;

	/**
	 * Create the provider.
	 * @param catalog the GPU catalog (a spawn with an uncatalogued GPU is a {@code VALIDATION} error)
	 * @param clock stamps creation times
	 * @param scheduler drives job progress
	 * @param jobStepDelay time between job steps ({@link Duration#ZERO}: jobs complete as they are submitted)
	 * @param jobSteps number of output chunks a job streams
	 */
	public MockComputeProvider(GpuCatalog catalog, Clock clock, Scheduler scheduler, Duration jobStepDelay,
			int jobSteps) {
		if (jobStepDelay.isNegative() || jobSteps < 0) {
			throw new IllegalArgumentException("jobStepDelay and jobSteps must not be negative");
		}
		this.catalog = catalog;
		this.clock = clock;
		this.scheduler = scheduler;
		this.jobStepDelay = jobStepDelay;
		this.jobSteps = jobSteps;
	}

	@Override
	public String id() {
		return ID;
	}

	@Override
	public Set<Capability> capabilities() {
		return CAPABILITIES;
	}

	@Override
	public Set<ComputeOperation> supportedOperations() {
		return EnumSet.allOf(ComputeOperation.class);
	}

	@Override
	public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
		return Mono.fromCallable(() -> {
			failIfInjected(ComputeOperation.SPAWN);
			if (request.gpu() != null && !this.catalog.isKnown(request.gpu())) {
				throw ExAtlasException.validation(ID, "GPU '" + request.gpu()
						+ "' is not in the GPU catalog; known GPUs: " + this.catalog.canonicalIds());
			}
			String id = "mock-" + randomSuffix();
			Map<String, Object> raw = new LinkedHashMap<>();
			raw.put("id", id);
			raw.put("envNames", List.copyOf(request.env().keySet()));
			Compute compute = Compute.builder(id, ID)
				.status(ComputeStatus.RUNNING)
				.publicIp(PUBLIC_IP)
				.ports(request.ports().stream().map((port) -> binding(id, port)).toList())
				.gpuType(request.gpu())
				.gpuCount((request.gpu() != null) ? request.gpuCount() : 0)
				.costPerHour(price(request))
				.region(request.regionHints().isEmpty() ? null : request.regionHints().get(0))
				.image(request.image())
				.name(request.name())
				.createdAt(this.clock.instant())
				.raw(raw)
				.build();
			this.requests.put(id, request);
			this.computes.put(id, compute);
			return compute;
		});
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return Mono.fromCallable(() -> {
			failIfInjected(ComputeOperation.GET);
			return require(id);
		});
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return Flux.defer(() -> {
			failIfInjected(ComputeOperation.LIST);
			List<Compute> all = new ArrayList<>(this.computes.values());
			all.sort(Comparator.comparing(Compute::createdAt, Comparator.nullsLast(Comparator.naturalOrder()))
				.thenComparing(Compute::id));
			return Flux.fromIterable(all).filter(filter::matches);
		});
	}

	@Override
	public Mono<Void> stop(String id, ProviderContext context) {
		return transition(ComputeOperation.STOP, id, ComputeStatus.STOPPED);
	}

	@Override
	public Mono<Void> start(String id, ProviderContext context) {
		return transition(ComputeOperation.START, id, ComputeStatus.RUNNING);
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return Mono.fromRunnable(() -> {
			failIfInjected(ComputeOperation.TERMINATE);
			Compute current = require(id);
			this.computes.put(id, current.toBuilder().status(ComputeStatus.TERMINATED).publicIp(null).build());
		});
	}

	@Override
	public Mono<Job> runJob(JobRequest request, ProviderContext context) {
		return Mono.defer(() -> {
			failIfInjected(ComputeOperation.RUN_JOB);
			MockJob job = new MockJob("job-" + randomSuffix(), request.endpoint(), request.input(), this.jobSteps,
					this.clock.instant());
			this.jobs.put(job.snapshot().id(), job);
			if (this.jobStepDelay.isZero()) {
				for (int tick = 0; tick <= job.steps() + 1; tick++) {
					job.advance(tick);
				}
			}
			else {
				job.attach(Flux.range(0, job.steps() + 2)
					.concatMap((tick) -> Mono.delay(this.jobStepDelay, this.scheduler).thenReturn(tick))
					.subscribe(job::advance));
			}
			if (request.mode() == JobMode.ASYNC) {
				return Mono.just(job.snapshot());
			}
			return job.whenFinished()
				.timeout(request.timeout(), this.scheduler)
				.onErrorMap(java.util.concurrent.TimeoutException.class,
						(ex) -> ExAtlasException.builder(ErrorKind.TIMEOUT)
							.provider(ID)
							.message("job did not finish within " + request.timeout())
							.build())
				.then(Mono.fromCallable(job::snapshot));
		});
	}

	@Override
	public Mono<Job> getJob(JobRef job, ProviderContext context) {
		return Mono.fromCallable(() -> {
			failIfInjected(ComputeOperation.GET_JOB);
			return requireJob(job).snapshot();
		});
	}

	@Override
	public Mono<Void> cancelJob(JobRef job, ProviderContext context) {
		return Mono.fromRunnable(() -> {
			failIfInjected(ComputeOperation.CANCEL_JOB);
			requireJob(job).cancel();
		});
	}

	@Override
	public Flux<JobOutput> streamJob(JobRef job, ProviderContext context) {
		return Flux.defer(() -> {
			failIfInjected(ComputeOperation.STREAM_JOB);
			return requireJob(job).stream();
		});
	}

	@Override
	public Flux<GpuType> listGpuTypes(ProviderContext context) {
		return Flux.defer(() -> {
			failIfInjected(ComputeOperation.LIST_GPU_TYPES);
			return Flux.fromIterable(gpuTypes());
		});
	}

	private List<GpuType> gpuTypes() {
		return this.catalog.canonicalIds()
			.stream()
			.map((canonical) -> new GpuType(canonical, "mock-" + canonical, ID, "Mock " + canonical, null,
					BigDecimal.ZERO, BigDecimal.ZERO, GpuAvailability.HIGH, List.of(), Map.of()))
			.toList();
	}

	/**
	 * The configured offers, else one free on-demand and one free spot offer per catalogued GPU. A failure injected
	 * for {@link ComputeOperation#LIST_GPU_TYPES} fails this call too.
	 */
	@Override
	public Flux<Offer> listOffers(ProviderContext context) {
		return Flux.defer(() -> {
			failIfInjected(ComputeOperation.LIST_GPU_TYPES);
			this.offerFetches.incrementAndGet();
			List<Offer> configured = this.offers;
			return Flux.fromIterable((configured != null) ? configured
					: gpuTypes().stream().flatMap((type) -> Offer.of(type, true).stream()).toList());
		});
	}

	/**
	 * Answer offer listings with these offers from now on (their provider is set to {@code mock}); {@code null}
	 * restores the default ones. Offers are configuration: {@link #reset()} keeps them.
	 * @param offers the offers
	 */
	public void offers(@Nullable List<Offer> offers) {
		this.offers = (offers != null) ? offers.stream()
			.map((offer) -> new Offer(ID, offer.gpu(), offer.nativeGpuId(), offer.gpuCount(), offer.region(),
					offer.cloudType(), offer.spot(), offer.pricePerGpuHour(), offer.availability(), null))
			.toList() : null;
	}

	/**
	 * What a spawn costs per hour: the cheapest configured offer for the GPU, of the request's spot choice and cloud
	 * type (in the first region hint, when the request names regions), times the GPU count; free without configured
	 * offers or without a matching one.
	 */
	private BigDecimal price(ComputeRequest request) {
		List<Offer> configured = this.offers;
		if (configured == null || request.gpu() == null) {
			return BigDecimal.ZERO;
		}
		String gpu = request.gpu();
		String region = request.regionHints().isEmpty() ? null : request.regionHints().get(0);
		return configured.stream()
			.filter((offer) -> gpu.equals(offer.gpu()) && offer.pricePerGpuHour() != null)
			.filter((offer) -> offer.spot() == request.spot())
			.filter((offer) -> request.cloudType() == CloudType.ANY || request.cloudType() == offer.cloudType())
			.filter((offer) -> region == null || region.equals(offer.region()))
			.map((offer) -> offer.pricePerGpuHour().multiply(BigDecimal.valueOf(request.gpuCount())))
			.min(Comparator.naturalOrder())
			.orElse(BigDecimal.ZERO);
	}

	/**
	 * Report another price for a resource from now on (as a cloud does when a spot price moves): its {@code get} and
	 * listings answer it.
	 * @param computeId the resource
	 * @param pricePerHour the price in USD per hour
	 * @throws ExAtlasException {@code NOT_FOUND} when the resource does not exist
	 */
	public void reprice(String computeId, BigDecimal pricePerHour) {
		Compute compute = require(computeId);
		this.computes.put(computeId, compute.toBuilder().costPerHour(pricePerHour).build());
	}

	/**
	 * How many times offers were listed (each listing is one call to the cloud).
	 * @return the count
	 */
	public int offerFetches() {
		return this.offerFetches.get();
	}

	/**
	 * Make the next call of an operation fail with the given error (one-shot; queue several for several calls).
	 * @param operation the operation
	 * @param error the error to signal
	 */
	public void failNext(ComputeOperation operation, ExAtlasException error) {
		this.failures.computeIfAbsent(operation, (op) -> new ConcurrentLinkedQueue<>()).add(error);
	}

	/**
	 * The request a resource was spawned from, as the provider received it (after the facade added the generated
	 * name and credential).
	 * @param computeId the resource id
	 * @return the request, if the resource exists
	 */
	public Optional<ComputeRequest> spawnRequest(String computeId) {
		return Optional.ofNullable(this.requests.get(computeId));
	}

	/**
	 * Forget every resource, job and injected failure; cancels running jobs.
	 */
	public void reset() {
		this.jobs.values().forEach(MockJob::cancel);
		this.jobs.clear();
		this.computes.clear();
		this.requests.clear();
		this.failures.clear();
	}

	private Mono<Void> transition(ComputeOperation operation, String id, ComputeStatus target) {
		return Mono.fromRunnable(() -> {
			failIfInjected(operation);
			this.computes.compute(id, (key, current) -> {
				if (current == null) {
					throw ExAtlasException.notFound(ID, "no compute " + id);
				}
				if (current.status() == ComputeStatus.TERMINATED) {
					throw ExAtlasException.builder(ErrorKind.PROVIDER)
						.provider(ID)
						.status(409)
						.message("compute " + id + " is terminated")
						.build();
				}
				return current.toBuilder().status(target).build();
			});
		});
	}

	private Compute require(String id) {
		Compute compute = this.computes.get(id);
		if (compute == null) {
			throw ExAtlasException.notFound(ID, "no compute " + id);
		}
		return compute;
	}

	private MockJob requireJob(JobRef ref) {
		MockJob job = this.jobs.get(ref.id());
		if (job == null) {
			throw ExAtlasException.notFound(ID, "no job " + ref.id());
		}
		return job;
	}

	private void failIfInjected(ComputeOperation operation) {
		Queue<ExAtlasException> queue = this.failures.get(operation);
		ExAtlasException failure = (queue != null) ? queue.poll() : null;
		if (failure != null) {
			throw failure;
		}
	}

	private static PortBinding binding(String id, PortSpec port) {
		String url = (port.protocol() == PortProtocol.HTTP) ? "https://" + id + "-" + port.port() + ".mock.local"
				: "tcp://" + PUBLIC_IP + ":" + port.port();
		return new PortBinding(port.port(), port.port(), port.protocol(), url);
	}

	private static String randomSuffix() {
		byte[] bytes = new byte[8];
		ThreadLocalRandom.current().nextBytes(bytes);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}

}
