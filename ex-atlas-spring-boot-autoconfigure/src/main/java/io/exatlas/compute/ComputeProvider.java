package io.exatlas.compute;

import java.util.EnumSet;
import java.util.Set;

import io.exatlas.ExAtlasException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The provider SPI: one implementation per cloud. A provider is a Spring bean; the facade addresses it by
 * {@link #id()}. Implementations are reactive and must never block the calling thread.
 * <p>
 * Optional operations default to an {@link ExAtlasException} of kind {@code UNSUPPORTED}; a provider that
 * implements one overrides it and lists it in {@link #supportedOperations()}. Failures are signalled as
 * {@link ExAtlasException}s, never as other exception types.
 */
public interface ComputeProvider {

	/**
	 * The provider id used in configuration, events and {@link CallOptions}, e.g. {@code runpod}.
	 * @return the id
	 */
	String id();

	/**
	 * The features this provider offers.
	 * @return the capabilities
	 */
	Set<Capability> capabilities();

	/**
	 * The operations this provider implements; the others answer {@code UNSUPPORTED}.
	 * @return the operations (by default spawn, get, list and terminate)
	 */
	default Set<ComputeOperation> supportedOperations() {
		return EnumSet.of(ComputeOperation.SPAWN, ComputeOperation.GET, ComputeOperation.LIST,
				ComputeOperation.TERMINATE);
	}

	/**
	 * Whether the provider can be called on its configuration alone, with no per-call credential or app: a
	 * credential is configured (property or environment variable), and whatever else such a call needs. Background
	 * work (the reaper) skips a provider that is not, quietly; an explicit call still runs and fails with a typed
	 * error.
	 * @return whether it is configured ({@code true} unless the provider says otherwise)
	 */
	default Mono<Boolean> configured() {
		return Mono.just(true);
	}

	/**
	 * Create a compute resource. The facade has already validated the request, generated a name when none was
	 * given and injected the auth credential into its environment. A provider must not send a create request twice
	 * unless it has made sure the first one created nothing.
	 * @param request the request
	 * @param context per-call context
	 * @return the new resource
	 */
	Mono<Compute> spawn(ComputeRequest request, ProviderContext context);

	/**
	 * Read a compute resource.
	 * @param id the resource id
	 * @param context per-call context
	 * @return the resource, or an error of kind {@code NOT_FOUND}
	 */
	Mono<Compute> get(String id, ProviderContext context);

	/**
	 * List compute resources, honouring at least the filter's statuses and name prefix.
	 * @param filter the filter
	 * @param context per-call context
	 * @return the resources
	 */
	Flux<Compute> list(ComputeFilter filter, ProviderContext context);

	/**
	 * Pause a compute resource, keeping its disk.
	 * @param id the resource id
	 * @param context per-call context
	 * @return completion
	 */
	default Mono<Void> stop(String id, ProviderContext context) {
		return Mono.error(ExAtlasException.unsupported(id(), "stop"));
	}

	/**
	 * Resume (or restart) a compute resource.
	 * @param id the resource id
	 * @param context per-call context
	 * @return completion
	 */
	default Mono<Void> start(String id, ProviderContext context) {
		return Mono.error(ExAtlasException.unsupported(id(), "start"));
	}

	/**
	 * Destroy a compute resource.
	 * @param id the resource id
	 * @param context per-call context
	 * @return completion
	 */
	Mono<Void> terminate(String id, ProviderContext context);

	/**
	 * Submit a serverless job.
	 * @param request the job
	 * @param context per-call context
	 * @return the submitted job (or its result, in {@link JobMode#SYNC})
	 */
	default Mono<Job> runJob(JobRequest request, ProviderContext context) {
		return Mono.error(ExAtlasException.unsupported(id(), "runJob"));
	}

	/**
	 * Read a serverless job.
	 * @param job the job reference
	 * @param context per-call context
	 * @return the job
	 */
	default Mono<Job> getJob(JobRef job, ProviderContext context) {
		return Mono.error(ExAtlasException.unsupported(id(), "getJob"));
	}

	/**
	 * Cancel a serverless job.
	 * @param job the job reference
	 * @param context per-call context
	 * @return completion
	 */
	default Mono<Void> cancelJob(JobRef job, ProviderContext context) {
		return Mono.error(ExAtlasException.unsupported(id(), "cancelJob"));
	}

	/**
	 * Stream a job's partial output. The stream completes when the job completes and fails with an
	 * {@link ExAtlasException} (reason {@code JOB_NOT_COMPLETED}) when it fails, is cancelled or times out.
	 * @param job the job reference
	 * @param context per-call context
	 * @return the output chunks
	 */
	default Flux<JobOutput> streamJob(JobRef job, ProviderContext context) {
		return Flux.error(ExAtlasException.unsupported(id(), "streamJob"));
	}

	/**
	 * List the GPU types the provider offers, with prices.
	 * @param context per-call context
	 * @return the GPU types
	 */
	default Flux<GpuType> listGpuTypes(ProviderContext context) {
		return Flux.error(ExAtlasException.unsupported(id(), "listGpuTypes"));
	}

	/**
	 * List what the provider can run now, for placement: by default one offer per GPU type and region from
	 * {@link #listGpuTypes}, with spot offers when the provider has {@link Capability#SPOT}. A provider whose tiers,
	 * regions or instance shapes carry their own prices overrides it.
	 * @param context per-call context
	 * @return the offers, unstamped (the offer cache stamps them)
	 */
	default Flux<Offer> listOffers(ProviderContext context) {
		boolean spot = capabilities().contains(Capability.SPOT);
		return listGpuTypes(context).concatMapIterable((type) -> Offer.of(type, spot));
	}

}
