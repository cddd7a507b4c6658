package io.exatlas.placement;

import java.util.List;
import java.util.Objects;

import io.exatlas.compute.ComputeRequest;

/**
 * The ranked offers for a request under a policy (a dry run: nothing was spawned), the offers for the requested GPU
 * that were left out and why, and where the offers came from.
 *
 * @param request the request
 * @param policy the policy
 * @param candidates the offers that satisfy every constraint, in the order placement tries them
 * @param rejected the offers for the requested GPU that break a constraint
 * @param sources the providers asked, with the age of their offers or why there were none
 */
public record PlacementPlan(ComputeRequest request, PlacementPolicy policy, List<PlannedOffer> candidates,
		List<RejectedOffer> rejected, List<OfferSource> sources) {

	/**
	 * Validates the plan.
	 * @param request the request
	 * @param policy the policy
	 * @param candidates the ranked offers
	 * @param rejected the rejected offers
	 * @param sources the sources
	 */
	public PlacementPlan {
		Objects.requireNonNull(request, "request");
		Objects.requireNonNull(policy, "policy");
		candidates = List.copyOf(candidates);
		rejected = List.copyOf(rejected);
		sources = List.copyOf(sources);
	}

}
