package io.exatlas.orchestrator;

import java.time.Duration;
import java.time.Instant;

import io.exatlas.compute.Compute;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;

/**
 * A tracked session as the application sees it.
 *
 * @param compute the resource; right after {@code spawn} it carries the generated credential (once), afterwards
 * never
 * @param userId the user
 * @param owner the orchestrator instance that tracks it
 * @param idleTtl the idle TTL
 * @param trackedSince when tracking started
 * @param lastActivity the last {@code touch}
 * @param idleFor how long it has been idle
 * @param phase where it is, when this instance tracks it ({@code null} for a session another instance tracks)
 * @param spend what it has cost so far ({@code null} without spend accounting or a known price)
 */
public record TrackedSession(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
		Instant trackedSince, Instant lastActivity, Duration idleFor, @Nullable SessionPhase phase,
		@Nullable SessionSpend spend) {

	/**
	 * A session without spend figures.
	 * @param compute the resource
	 * @param userId the user
	 * @param owner the tracking instance
	 * @param idleTtl the idle TTL
	 * @param trackedSince tracking start
	 * @param lastActivity the last touch
	 * @param idleFor how long idle
	 * @param phase the phase
	 */
	public TrackedSession(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
			Instant trackedSince, Instant lastActivity, Duration idleFor, @Nullable SessionPhase phase) {
		this(compute, userId, owner, idleTtl, trackedSince, lastActivity, idleFor, phase, null);
	}

	/**
	 * This session in another phase, with its resource as last seen.
	 * @param compute the resource
	 * @param phase the phase
	 * @return the session
	 */
	public TrackedSession with(Compute compute, SessionPhase phase) {
		return new TrackedSession(compute, this.userId, this.owner, this.idleTtl, this.trackedSince,
				this.lastActivity, this.idleFor, phase, this.spend);
	}

	/**
	 * The session id: the resource id.
	 * @return the id
	 */
	public String id() {
		return this.compute.id();
	}

	/**
	 * The resource's provider.
	 * @return the provider id
	 */
	public String provider() {
		return this.compute.provider();
	}

	/**
	 * How long the session has left before it expires, unless touched.
	 * @return the remaining time (zero when due)
	 */
	public Duration remaining() {
		Duration left = this.idleTtl.minus(this.idleFor);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
