package io.exatlas.compute;

/**
 * The operations of the {@link ComputeProvider} SPI, used to describe what a provider supports and to label events.
 */
public enum ComputeOperation {

	/** Create a compute resource. */
	SPAWN,

	/** Read one compute resource. */
	GET,

	/** List compute resources. */
	LIST,

	/** Pause a compute resource, keeping its disk. */
	STOP,

	/** Resume (or restart) a compute resource. */
	START,

	/** Destroy a compute resource. */
	TERMINATE,

	/** Submit a serverless job. */
	RUN_JOB,

	/** Read a serverless job. */
	GET_JOB,

	/** Cancel a serverless job. */
	CANCEL_JOB,

	/** Stream a serverless job's partial output. */
	STREAM_JOB,

	/** List GPU types with prices and availability. */
	LIST_GPU_TYPES;

	/**
	 * The lower-case name used in messages and metric tags, e.g. {@code run_job}.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
