package io.exatlas.compute.facade;

import java.util.List;
import java.util.Objects;
import java.util.stream.Stream;

import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.ProviderDescriptor;
import io.exatlas.compute.ReactiveExAtlas;
import reactor.core.publisher.Mono;

/**
 * The default {@link ExAtlas}: waits for the {@link ReactiveExAtlas} underneath. Timeouts are those of the calls
 * themselves (HTTP timeouts, a job's sync timeout), so a blocked thread is always released.
 */
public final class DefaultExAtlas implements ExAtlas {

	private final ReactiveExAtlas reactive;

	/**
	 * Create the blocking facade.
	 * @param reactive the reactive facade to wait for
	 */
	public DefaultExAtlas(ReactiveExAtlas reactive) {
		this.reactive = Objects.requireNonNull(reactive, "reactive");
	}

	@Override
	public ExAtlas using(CallOptions options) {
		return new DefaultExAtlas(this.reactive.using(options));
	}

	@Override
	public ReactiveExAtlas reactive() {
		return this.reactive;
	}

	@Override
	public Compute spawn(ComputeRequest request) {
		return await(this.reactive.spawn(request));
	}

	@Override
	public Compute get(String id) {
		return await(this.reactive.get(id));
	}

	@Override
	public List<Compute> list(ComputeFilter filter) {
		return await(this.reactive.list(filter).collectList());
	}

	@Override
	public void stop(String id) {
		this.reactive.stop(id).block();
	}

	@Override
	public void start(String id) {
		this.reactive.start(id).block();
	}

	@Override
	public void terminate(String id) {
		this.reactive.terminate(id).block();
	}

	@Override
	public Job runJob(JobRequest request) {
		return await(this.reactive.runJob(request));
	}

	@Override
	public Job getJob(JobRef job) {
		return await(this.reactive.getJob(job));
	}

	@Override
	public void cancelJob(JobRef job) {
		this.reactive.cancelJob(job).block();
	}

	@Override
	public Stream<JobOutput> streamJob(JobRef job) {
		return this.reactive.streamJob(job).toStream();
	}

	@Override
	public List<GpuType> listGpuTypes() {
		return await(this.reactive.listGpuTypes().collectList());
	}

	@Override
	public List<ProviderDescriptor> providers() {
		return this.reactive.providers();
	}

	private static <T> T await(Mono<T> call) {
		T value = call.block();
		if (value == null) {
			throw new IllegalStateException("the reactive facade completed without a value");
		}
		return value;
	}

	@Override
	public String toString() {
		return "DefaultExAtlas[" + this.reactive + "]";
	}

}
