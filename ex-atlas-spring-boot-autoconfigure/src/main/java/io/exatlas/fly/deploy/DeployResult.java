package io.exatlas.fly.deploy;

/**
 * How a deploy ended.
 */
public enum DeployResult {

	/** The CLI exited with 0. */
	OK,

	/** The CLI exited with another code (see the event's exit code). */
	EXIT_CODE,

	/** No output for the activity timeout, or the absolute cap was reached; the process tree was killed. */
	TIMEOUT,

	/** The subscriber cancelled; the process tree was killed. */
	CANCELLED,

	/** The CLI could not be started. */
	NOT_FOUND,

	/** Reading the CLI's output failed (an I/O error, not a timeout); the process tree was killed. */
	OUTPUT_FAILED,

	/** Anything else ended the deploy (the error is on the observation). */
	ERROR

}
