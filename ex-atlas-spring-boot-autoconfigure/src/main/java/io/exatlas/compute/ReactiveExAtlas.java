package io.exatlas.compute;

import java.util.List;

import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The reactive facade over every compute provider. Calls go to {@code exatlas.default-provider} unless bound to
 * another provider with {@link #using(String)} or {@link #using(CallOptions)}. Nothing happens until the returned
 * publisher is subscribed; no method blocks.
 * <pre>{@code
 * Mono<Compute> pod = exatlas.using("runpod").spawn(ComputeRequest.builder()
 *     .gpu("h100").image("vllm/vllm-openai:latest").httpPort(8000).auth(AuthMode.BEARER).build());
 * }</pre>
 *
 * @see ExAtlas the blocking facade
 */
public interface ReactiveExAtlas {

	/**
	 * A view of this facade whose calls go to the given provider.
	 * @param provider the provider id
	 * @return the bound facade
	 */
	default ReactiveExAtlas using(String provider) {
		return using(CallOptions.provider(provider));
	}

	/**
	 * A view of this facade whose calls use the given options (provider and/or credential).
	 * @param options the options
	 * @return the bound facade
	 */
	ReactiveExAtlas using(CallOptions options);

	/**
	 * Create a compute resource. When the request has no name, one is generated with the configured prefix
	 * ({@code exatlas.compute.name-prefix}); with {@link AuthMode#BEARER} or {@link AuthMode#SIGNED_URL} a credential
	 * is generated, injected into the resource's environment and returned once in {@link Compute#auth()}.
	 * @param request the request
	 * @return the new resource
	 */
	Mono<Compute> spawn(ComputeRequest request);

	/**
	 * Read a compute resource.
	 * @param id the resource id
	 * @return the resource
	 */
	Mono<Compute> get(String id);

	/**
	 * List compute resources.
	 * @param filter which ones
	 * @return the matching resources
	 */
	Flux<Compute> list(ComputeFilter filter);

	/**
	 * Pause a compute resource.
	 * @param id the resource id
	 * @return completion
	 */
	Mono<Void> stop(String id);

	/**
	 * Resume a compute resource.
	 * @param id the resource id
	 * @return completion
	 */
	Mono<Void> start(String id);

	/**
	 * Destroy a compute resource.
	 * @param id the resource id
	 * @return completion
	 */
	Mono<Void> terminate(String id);

	/**
	 * Submit a serverless job.
	 * @param request the job
	 * @return the job
	 */
	Mono<Job> runJob(JobRequest request);

	/**
	 * Read a serverless job.
	 * @param job the job reference ({@link Job#ref()})
	 * @return the job
	 */
	Mono<Job> getJob(JobRef job);

	/**
	 * Cancel a serverless job.
	 * @param job the job reference
	 * @return completion
	 */
	Mono<Void> cancelJob(JobRef job);

	/**
	 * Stream a job's partial output until it completes.
	 * @param job the job reference
	 * @return the output chunks
	 */
	Flux<JobOutput> streamJob(JobRef job);

	/**
	 * List GPU types with prices.
	 * @return the GPU types
	 */
	Flux<GpuType> listGpuTypes();

	/**
	 * Describe the enabled providers.
	 * @return one descriptor per provider, sorted by id
	 */
	List<ProviderDescriptor> providers();

}
