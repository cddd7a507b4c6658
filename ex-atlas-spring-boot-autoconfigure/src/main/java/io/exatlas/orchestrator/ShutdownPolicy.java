package io.exatlas.orchestrator;

/**
 * What happens to tracked sessions when the application shuts down gracefully.
 */
public enum ShutdownPolicy {

	/** Terminate every session this instance tracks, bounded by the shutdown timeout. */
	TERMINATE,

	/**
	 * Leave them running: another instance sharing the session registry takes them over, or a reaper terminates
	 * them after its grace period.
	 */
	LEAVE

}
