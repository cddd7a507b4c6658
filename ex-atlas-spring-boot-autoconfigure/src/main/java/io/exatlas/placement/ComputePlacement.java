package io.exatlas.placement;

import java.util.Objects;

import io.exatlas.compute.ComputeRequest;

/**
 * Placement, blocking: waits for {@link ReactiveComputePlacement}. Call it from a worker thread (a Spring MVC
 * request thread is one), never from an event loop.
 */
public final class ComputePlacement {

	private final ReactiveComputePlacement reactive;

	/**
	 * Create the blocking placement service.
	 * @param reactive the reactive one to wait for
	 */
	public ComputePlacement(ReactiveComputePlacement reactive) {
		this.reactive = Objects.requireNonNull(reactive, "reactive");
	}

	/**
	 * The ranked plan for a request (nothing is spawned).
	 * @param request the request (its GPU is required)
	 * @param policy the constraints
	 * @return the plan
	 */
	public PlacementPlan offers(ComputeRequest request, PlacementPolicy policy) {
		return this.reactive.offers(request, policy).block();
	}

	/**
	 * Place the request on the best offer that has capacity.
	 * @param request the request
	 * @param policy the constraints
	 * @return the placement
	 * @throws PlacementException when no offer could be used, or an attempt failed in a way that stops placement
	 */
	public Placement place(ComputeRequest request, PlacementPolicy policy) {
		return this.reactive.place(request, policy).block();
	}

	/**
	 * The reactive service underneath.
	 * @return it
	 */
	public ReactiveComputePlacement reactive() {
		return this.reactive;
	}

}
