package io.exatlas.orchestrator;

/**
 * Where a tracked session is, as far as this instance knows.
 */
public enum SessionPhase {

	/** Tracked; spawned without a readiness probe. */
	RUNNING,

	/** Tracked; its readiness probe is running. */
	STARTING,

	/** Tracked; its readiness probe passed. */
	READY,

	/** Tracked; its readiness probe did not pass and the caller chose to keep it. */
	NOT_READY

}
