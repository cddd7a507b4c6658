package io.exatlas.orchestrator;

/**
 * Why the orchestrator terminated a session.
 */
public enum TerminationReason {

	/** Nothing touched the session for its idle TTL. */
	IDLE_TIMEOUT,

	/** The application stopped it ({@code stopTracked}). */
	STOPPED,

	/** The application shut down with the {@code TERMINATE} shutdown policy (also a spawn that completed after). */
	SHUTDOWN,

	/**
	 * The session registry failed to record a spawned resource (Redis down, say): it was terminated so that nothing
	 * runs untracked.
	 */
	REGISTRY_FAILED,

	/** Its readiness probe never passed: nothing is billed for a pod that never came up. */
	NOT_READY,

	/** It reached its hard lifetime ({@code maxLifetime}), however active it was. */
	MAX_LIFETIME

}
