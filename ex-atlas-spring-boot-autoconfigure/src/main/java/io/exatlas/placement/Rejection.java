package io.exatlas.placement;

/**
 * Why an offer for the requested GPU was left out of a plan.
 */
public enum Rejection {

	/** Its provider is not in the policy's providers. */
	PROVIDER_NOT_ALLOWED,

	/** Its region is not in the policy's regions. */
	REGION_NOT_ALLOWED,

	/** Its tier is not in the policy's tiers. */
	CLOUD_TYPE_NOT_ALLOWED,

	/** It is spot and the policy wants on-demand, or the other way round. */
	SPOT_POLICY,

	/** It runs a fixed GPU count other than the request's. */
	GPU_COUNT,

	/** It costs more than the policy's price limit, or has no price while a limit is set. */
	OVER_PRICE,

	/** The provider reports no availability. */
	UNAVAILABLE,

	/** Its provider, region and GPU failed with a capacity error a moment ago (the skip list). */
	RECENTLY_FAILED

}
