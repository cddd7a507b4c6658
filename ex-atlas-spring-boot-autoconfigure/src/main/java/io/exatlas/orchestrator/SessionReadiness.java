package io.exatlas.orchestrator;

import java.util.Objects;

import io.exatlas.readiness.Readiness;

/**
 * A session spawned "ready": the spawn completes when the probe passes. A probe that never passes ends the spawn
 * with its {@code TIMEOUT} ({@code not_ready}) and terminates the resource, so nothing is billed for a pod that never
 * came up, unless the caller chose to keep it (to look at it, say; it stays tracked and expires when idle).
 *
 * @param probe the probe
 * @param keepIfNotReady whether a resource that never became ready is kept
 */
public record SessionReadiness(Readiness probe, boolean keepIfNotReady) {

	/**
	 * Validates the settings.
	 * @param probe the probe
	 * @param keepIfNotReady whether to keep a resource that never became ready
	 */
	public SessionReadiness {
		Objects.requireNonNull(probe, "probe");
	}

}
