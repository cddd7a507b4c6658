package io.exatlas.readiness;

import java.util.Objects;

import io.exatlas.compute.Compute;

/**
 * Readiness, blocking: waits for {@link ReactiveReadiness}. Call it from a worker thread, never from an event loop.
 */
public final class ComputeReadiness {

	private final ReactiveReadiness reactive;

	/**
	 * Create the blocking service.
	 * @param reactive the reactive one to wait for
	 */
	public ComputeReadiness(ReactiveReadiness reactive) {
		this.reactive = Objects.requireNonNull(reactive, "reactive");
	}

	/**
	 * Wait until every step of the probe passes.
	 * @param compute the resource
	 * @param readiness the probe
	 * @return the resource as last read, once ready
	 * @throws io.exatlas.ExAtlasException {@code TIMEOUT} (code {@code not_ready}) naming the step that did not pass
	 */
	public Compute await(Compute compute, Readiness readiness) {
		return this.reactive.await(compute, readiness).block();
	}

	/**
	 * The reactive service underneath.
	 * @return it
	 */
	public ReactiveReadiness reactive() {
		return this.reactive;
	}

}
