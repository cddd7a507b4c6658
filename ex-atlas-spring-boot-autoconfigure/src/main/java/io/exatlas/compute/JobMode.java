package io.exatlas.compute;

/**
 * How {@code runJob} waits for a serverless job.
 */
public enum JobMode {

	/** Submit and return at once with the queued job; poll or stream it afterwards. */
	ASYNC,

	/** Wait for the result, bounded by {@link JobRequest#timeout()} (a {@code TIMEOUT} error when exceeded). */
	SYNC

}
