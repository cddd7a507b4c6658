package io.exatlas.compute;

import java.util.List;
import java.util.stream.Stream;

/**
 * The blocking facade over every compute provider, for Spring MVC and other thread-per-request code. Each call waits
 * for the reactive call underneath; never call it from a reactive pipeline or an event-loop thread (use
 * {@link #reactive()} there).
 * <pre>{@code
 * Compute pod = exatlas.spawn(ComputeRequest.builder().gpu("h100").image("my/image").httpPort(8000).build());
 * exatlas.terminate(pod.id());
 * }</pre>
 */
public interface ExAtlas {

	/**
	 * A view of this facade whose calls go to the given provider.
	 * @param provider the provider id
	 * @return the bound facade
	 */
	default ExAtlas using(String provider) {
		return using(CallOptions.provider(provider));
	}

	/**
	 * A view of this facade whose calls use the given options.
	 * @param options the options
	 * @return the bound facade
	 */
	ExAtlas using(CallOptions options);

	/**
	 * The reactive facade with the same bindings.
	 * @return the reactive facade
	 */
	ReactiveExAtlas reactive();

	/**
	 * Create a compute resource.
	 * @param request the request
	 * @return the new resource
	 * @see ReactiveExAtlas#spawn(ComputeRequest)
	 */
	Compute spawn(ComputeRequest request);

	/**
	 * Read a compute resource.
	 * @param id the resource id
	 * @return the resource
	 */
	Compute get(String id);

	/**
	 * List compute resources.
	 * @param filter which ones
	 * @return the matching resources
	 */
	List<Compute> list(ComputeFilter filter);

	/**
	 * Pause a compute resource.
	 * @param id the resource id
	 */
	void stop(String id);

	/**
	 * Resume a compute resource.
	 * @param id the resource id
	 */
	void start(String id);

	/**
	 * Destroy a compute resource.
	 * @param id the resource id
	 */
	void terminate(String id);

	/**
	 * Submit a serverless job.
	 * @param request the job
	 * @return the job
	 */
	Job runJob(JobRequest request);

	/**
	 * Read a serverless job.
	 * @param job the job reference
	 * @return the job
	 */
	Job getJob(JobRef job);

	/**
	 * Cancel a serverless job.
	 * @param job the job reference
	 */
	void cancelJob(JobRef job);

	/**
	 * Stream a job's partial output until it completes. Close the stream to stop early.
	 * @param job the job reference
	 * @return the output chunks, produced as they arrive
	 */
	Stream<JobOutput> streamJob(JobRef job);

	/**
	 * List GPU types with prices.
	 * @return the GPU types
	 */
	List<GpuType> listGpuTypes();

	/**
	 * Describe the enabled providers.
	 * @return one descriptor per provider
	 */
	List<ProviderDescriptor> providers();

}
