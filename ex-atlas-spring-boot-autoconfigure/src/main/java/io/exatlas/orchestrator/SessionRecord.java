package io.exatlas.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.exatlas.compute.Compute;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link SessionRegistry} keeps of a tracked session (never a credential).
 *
 * @param compute the resource, without its raw payload or generated credential
 * @param userId the user
 * @param owner the id of the orchestrator instance that tracks it
 * @param idleTtl the idle TTL
 * @param heartbeatInterval the heartbeat interval ({@link Duration#ZERO}: none)
 * @param trackedSince when tracking started
 * @param maxLifetime the session's hard lifetime from {@code trackedSince}, or {@code null} for none (kept in the
 * registry, so an instance that takes the session over still ends it in time)
 * @param spend what the session has cost so far, or {@code null} while its price is unknown (kept in the registry,
 * so every instance sees it and a take-over keeps it)
 */
public record SessionRecord(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
		Duration heartbeatInterval, Instant trackedSince, @Nullable Duration maxLifetime,
		@Nullable SessionSpend spend) {

	/**
	 * Validates the record and keeps only what tracking needs of the resource.
	 * @param compute the resource
	 * @param userId the user
	 * @param owner the owning instance
	 * @param idleTtl the idle TTL
	 * @param heartbeatInterval the heartbeat interval
	 * @param trackedSince tracking start
	 * @param maxLifetime the hard lifetime
	 * @param spend the spend
	 */
	public SessionRecord {
		Objects.requireNonNull(compute, "compute");
		Objects.requireNonNull(owner, "owner");
		Objects.requireNonNull(idleTtl, "idleTtl");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(trackedSince, "trackedSince");
		compute = compute.withoutSecrets().toBuilder().raw(java.util.Map.of()).build();
	}

	/**
	 * A record without a hard lifetime.
	 * @param compute the resource
	 * @param userId the user
	 * @param owner the owning instance
	 * @param idleTtl the idle TTL
	 * @param heartbeatInterval the heartbeat interval
	 * @param trackedSince tracking start
	 */
	public SessionRecord(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
			Duration heartbeatInterval, Instant trackedSince) {
		this(compute, userId, owner, idleTtl, heartbeatInterval, trackedSince, null, null);
	}

	/**
	 * A record without spend figures.
	 * @param compute the resource
	 * @param userId the user
	 * @param owner the owning instance
	 * @param idleTtl the idle TTL
	 * @param heartbeatInterval the heartbeat interval
	 * @param trackedSince tracking start
	 * @param maxLifetime the hard lifetime
	 */
	public SessionRecord(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
			Duration heartbeatInterval, Instant trackedSince, @Nullable Duration maxLifetime) {
		this(compute, userId, owner, idleTtl, heartbeatInterval, trackedSince, maxLifetime, null);
	}

	/**
	 * This record with other spend figures.
	 * @param spend the spend
	 * @return the record
	 */
	public SessionRecord withSpend(@Nullable SessionSpend spend) {
		return new SessionRecord(this.compute, this.userId, this.owner, this.idleTtl, this.heartbeatInterval,
				this.trackedSince, this.maxLifetime, spend);
	}

	/**
	 * This record with another owner.
	 * @param owner the owning instance
	 * @return the record
	 */
	public SessionRecord withOwner(String owner) {
		return new SessionRecord(this.compute, this.userId, owner, this.idleTtl, this.heartbeatInterval,
				this.trackedSince, this.maxLifetime, this.spend);
	}

	/**
	 * When the hard lifetime ends, in epoch milliseconds.
	 * @return the instant, or {@link Long#MAX_VALUE} without a hard lifetime
	 */
	public long endOfLifeMillis() {
		return (this.maxLifetime != null) ? this.trackedSince.plus(this.maxLifetime).toEpochMilli() : Long.MAX_VALUE;
	}

	/**
	 * The session id: the resource's id.
	 * @return the id
	 */
	public String id() {
		return this.compute.id();
	}

	/**
	 * The provider of the resource.
	 * @return the provider id
	 */
	public String provider() {
		return this.compute.provider();
	}

}
