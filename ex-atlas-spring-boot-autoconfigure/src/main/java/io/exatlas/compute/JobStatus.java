package io.exatlas.compute;

/**
 * The portable status of a serverless job.
 */
public enum JobStatus {

	/** Waiting for a worker. */
	IN_QUEUE,

	/** Running on a worker. */
	IN_PROGRESS,

	/** Finished with an output. */
	COMPLETED,

	/** Finished with an error. */
	FAILED,

	/** Cancelled before it finished. */
	CANCELLED,

	/** Ran longer than its execution timeout. */
	TIMED_OUT;

	/**
	 * Whether the job can no longer change.
	 * @return whether this is a final status
	 */
	public boolean isTerminal() {
		return this == COMPLETED || this == FAILED || this == CANCELLED || this == TIMED_OUT;
	}

}
