package io.exatlas;

/**
 * A provider-independent refinement of an {@link ErrorKind} for failures that callers commonly act on.
 */
public enum ErrorReason {

	/**
	 * The provider has no capacity for the requested shape right now (Lambda's
	 * {@code insufficient-capacity}, Fly's {@code insufficient_capacity}, Vast's vanished offer). Another region,
	 * GPU or provider may succeed.
	 */
	INSUFFICIENT_CAPACITY,

	/** The account's quota or limit for the resource is used up. */
	QUOTA_EXCEEDED,

	/** A remote job ended in a state other than completed (failed, cancelled or timed out). */
	JOB_NOT_COMPLETED

}
