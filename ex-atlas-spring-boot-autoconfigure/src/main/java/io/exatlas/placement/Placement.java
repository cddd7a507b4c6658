package io.exatlas.placement;

import java.util.List;
import java.util.Objects;

import io.exatlas.compute.Compute;

/**
 * A placed resource, with the attempts it took and the plan it followed (the last one, with "retry until up").
 *
 * @param compute the resource
 * @param attempts every create sent, in order; the last one placed
 * @param plan the plan
 */
public record Placement(Compute compute, List<PlacementAttempt> attempts, PlacementPlan plan) {

	/**
	 * Validates the placement.
	 * @param compute the resource
	 * @param attempts the attempts
	 * @param plan the plan
	 */
	public Placement {
		Objects.requireNonNull(compute, "compute");
		attempts = List.copyOf(attempts);
		Objects.requireNonNull(plan, "plan");
	}

	/**
	 * The offer the resource was placed on.
	 * @return the offer
	 */
	public io.exatlas.compute.Offer offer() {
		return this.attempts.get(this.attempts.size() - 1).offer();
	}

}
