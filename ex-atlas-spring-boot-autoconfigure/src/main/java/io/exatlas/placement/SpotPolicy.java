package io.exatlas.placement;

/**
 * Whether placement may use interruptible (spot / bid) offers.
 */
public enum SpotPolicy {

	/** On-demand offers only (the default). */
	ON_DEMAND,

	/** Spot offers only. */
	SPOT,

	/** Either; the order decides. */
	EITHER

}
