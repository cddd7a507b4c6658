package io.exatlas.compute;

/**
 * How much of a GPU type a provider has available right now.
 */
public enum GpuAvailability {

	/** Plenty. */
	HIGH,

	/** Some. */
	MEDIUM,

	/** Little. */
	LOW,

	/** None. */
	UNAVAILABLE,

	/** The provider does not say. */
	UNKNOWN

}
