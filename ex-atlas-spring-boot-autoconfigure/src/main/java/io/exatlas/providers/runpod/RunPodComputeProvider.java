package io.exatlas.providers.runpod;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobMode;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.ErrorDecoder;
import io.exatlas.providers.runpod.internal.RunPodErrors;
import io.exatlas.providers.runpod.internal.RunPodPodSpec;
import io.exatlas.providers.runpod.internal.RunPodPodTranslator;
import io.exatlas.providers.runpod.internal.RunPodServerlessTranslator;
import io.exatlas.providers.runpod.internal.RunPodSpotTranslator;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.databind.JsonNode;

/**
 * RunPod behind the portable API: pods through the management REST API v2 (spot pods through GraphQL, which is the
 * only API that offers them), serverless jobs through the runtime API, GPU prices through GraphQL.
 * <p>
 * A spawn is idempotent: it tags the pod with a unique {@value RunPodPodTranslator#SPAWN_TOKEN_ENV} and, when the
 * create fails ambiguously (RunPod can create the pod and still answer 500), looks the pod up by that tag before
 * anything is sent again.
 */
public class RunPodComputeProvider implements ComputeProvider {

	/** The provider id. */
	public static final String ID = RunPodPodTranslator.PROVIDER;

	/** Decodes RunPod's REST error bodies, with a no-capacity answer as a reason; the REST client must use it. */
	public static final ErrorDecoder ERROR_DECODER = RunPodErrors.ERROR_DECODER;

	private static final Set<Capability> CAPABILITIES = EnumSet.allOf(Capability.class);

	private final RunPodRestClient rest;

	private final RunPodRuntimeClient runtime;

	private final RunPodGraphQlClient graphql;

	private final RunPodPodTranslator pods;

	private final RunPodSpotTranslator spot;

	private final Scheduler scheduler;

	private final Duration pollInterval;

	private final Duration maxPollInterval;

	/**
	 * Create the provider.
	 * @param rest the management API client
	 * @param runtime the serverless runtime client
	 * @param graphql the GraphQL client
	 * @param catalog maps canonical GPU ids to RunPod's and back
	 * @param settings mount paths and job polling
	 * @param scheduler drives polling and the sync-job timeout
	 */
	public RunPodComputeProvider(RunPodRestClient rest, RunPodRuntimeClient runtime, RunPodGraphQlClient graphql,
			GpuCatalog catalog, RunPodSettings settings, Scheduler scheduler) {
		this.rest = rest;
		this.runtime = runtime;
		this.graphql = graphql;
		this.pods = new RunPodPodTranslator(catalog, settings.volumeMountPath(), settings.networkVolumeMountPath());
		this.spot = new RunPodSpotTranslator(catalog, settings.volumeMountPath());
		this.scheduler = scheduler;
		this.pollInterval = settings.jobPollInterval();
		this.maxPollInterval = settings.jobMaxPollInterval();
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
		return Mono.defer(() -> {
			RunPodPodSpec spec = this.pods.spec(request);
			String token = UUID.randomUUID().toString();
			Mono<Compute> findExisting = this.rest.findPodBySpawnToken(token, context).map(this.pods::toCompute);
			Mono<Compute> create = spec.spot() ? createSpotPod(spec, token, context)
					: this.rest.createPod(this.pods.createBody(spec, token), context).map(this.pods::toCompute);
			return this.rest.createOnce(create, findExisting);
		});
	}

	private Mono<Compute> createSpotPod(RunPodPodSpec spec, String token, ProviderContext context) {
		Mono<BigDecimal> bidPerGpu = (spec.bidPerGpu() != null) ? Mono.just(spec.bidPerGpu())
				: this.graphql.minimumBid(Objects.requireNonNull(spec.gpuTypeId()), spec.gpuCount(), context)
					.switchIfEmpty(Mono.error(() -> ExAtlasException.validation(id(), "RunPod has no spot price for "
							+ spec.gpuTypeId() + "; set the 'bidPerGpu' provider option")));
		return bidPerGpu.map((price) -> this.spot.rentInput(spec, token, price))
			.flatMap((input) -> this.graphql.rentInterruptablePod(input, context))
			.map(this.pods::toCompute);
	}

	@Override
	public Mono<Compute> get(String id, ProviderContext context) {
		return this.rest.getPod(id, context).map(this.pods::toCompute);
	}

	@Override
	public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
		return this.rest.listPods(context).map(this.pods::toCompute).filter(filter::matches);
	}

	@Override
	public Mono<Void> stop(String id, ProviderContext context) {
		return this.rest.podAction(id, RunPodPodAction.STOP, context).then();
	}

	@Override
	public Mono<Void> start(String id, ProviderContext context) {
		return this.rest.podAction(id, RunPodPodAction.START, context).then();
	}

	@Override
	public Mono<Void> terminate(String id, ProviderContext context) {
		return this.rest.deletePod(id, context);
	}

	@Override
	public Mono<Job> runJob(JobRequest request, ProviderContext context) {
		return Mono.defer(() -> {
			String endpoint = requireEndpoint(request.endpoint(), "runJob");
			JsonNode body = RunPodServerlessTranslator.jobBody(request);
			if (request.mode() == JobMode.ASYNC) {
				return this.runtime.run(endpoint, body, context).map((job) -> RunPodServerlessTranslator.toJob(endpoint, job));
			}
			Duration timeout = request.timeout();
			return this.runtime.runSync(endpoint, body, timeout, context)
				.map((job) -> RunPodServerlessTranslator.toJob(endpoint, job))
				.flatMap((job) -> job.status().isTerminal() ? Mono.just(job) : awaitTerminal(job.ref(), context))
				.timeout(timeout, Mono.error(() -> ExAtlasException.builder(ErrorKind.TIMEOUT)
					.provider(id())
					.message("runsync exceeded " + timeout)
					.build()), this.scheduler);
		});
	}

	@Override
	public Mono<Job> getJob(JobRef job, ProviderContext context) {
		return Mono.defer(() -> {
			String endpoint = requireEndpoint(job.endpoint(), "getJob");
			return this.runtime.status(endpoint, job.id(), context).map((json) -> RunPodServerlessTranslator.toJob(endpoint, json));
		});
	}

	@Override
	public Mono<Void> cancelJob(JobRef job, ProviderContext context) {
		return Mono.defer(() -> this.runtime.cancel(requireEndpoint(job.endpoint(), "cancelJob"), job.id(), context))
			.then();
	}

	@Override
	public Flux<JobOutput> streamJob(JobRef job, ProviderContext context) {
		return Flux.defer(() -> {
			String endpoint = requireEndpoint(job.endpoint(), "streamJob");
			Mono<Poll> first = fetchStream(endpoint, job.id(), Duration.ZERO, context);
			return first
				.expand((poll) -> poll.terminal() ? Mono.empty()
						: Mono.delay(poll.nextDelay(), this.scheduler)
							.then(fetchStream(endpoint, job.id(), poll.nextDelay(), context)))
				.concatMap((poll) -> Flux.fromIterable(poll.chunks()).concatWith(poll.failure()));
		});
	}

	@Override
	public Flux<GpuType> listGpuTypes(ProviderContext context) {
		return this.graphql.gpuTypes(context).mapNotNull(this.spot::toGpuType);
	}

	@Override
	public Flux<Offer> listOffers(ProviderContext context) {
		return this.graphql.gpuTypes(context).concatMapIterable(this.spot::toOffers);
	}

	private Mono<Job> awaitTerminal(JobRef job, ProviderContext context) {
		return getJob(job, context).expand((current) -> current.status().isTerminal() ? Mono.empty()
				: Mono.delay(this.pollInterval, this.scheduler).then(getJob(job, context)))
			.last();
	}

	private Mono<Poll> fetchStream(String endpoint, String jobId, Duration previousDelay, ProviderContext context) {
		return this.runtime.stream(endpoint, jobId, context).map((response) -> {
			List<JobOutput> chunks = RunPodServerlessTranslator.streamChunks(response);
			JobStatus status = response.isArray() ? JobStatus.IN_PROGRESS
					: RunPodServerlessTranslator.jobStatus(WireJson.text(response, "status"));
			Duration next = chunks.isEmpty() ? grow(previousDelay) : this.pollInterval;
			Mono<JobOutput> failure = (status.isTerminal() && status != JobStatus.COMPLETED)
					? Mono.error(ExAtlasException.builder(ErrorKind.PROVIDER)
						.provider(id())
						.reason(ErrorReason.JOB_NOT_COMPLETED)
						.message("job " + jobId + " ended " + status
								+ ((WireJson.text(response, "error") != null) ? ": " + WireJson.text(response, "error") : ""))
						.build())
					: Mono.empty();
			return new Poll(chunks, status.isTerminal(), next, failure);
		});
	}

	private Duration grow(Duration previous) {
		Duration doubled = previous.isZero() ? this.pollInterval : previous.multipliedBy(2);
		return (doubled.compareTo(this.maxPollInterval) > 0) ? this.maxPollInterval : doubled;
	}

	private String requireEndpoint(@Nullable String endpoint, String operation) {
		if (endpoint == null) {
			throw ExAtlasException.validation(id(), operation + " needs the serverless endpoint id (JobRequest.endpoint"
					+ " / JobRef.endpoint); nothing was sent");
		}
		return Objects.requireNonNull(endpoint);
	}

	private record Poll(List<JobOutput> chunks, boolean terminal, Duration nextDelay,
			Mono<JobOutput> failure) {
	}

	@Override
	public Mono<Boolean> configured() {
		return this.rest.hasCredentials();
	}

}
