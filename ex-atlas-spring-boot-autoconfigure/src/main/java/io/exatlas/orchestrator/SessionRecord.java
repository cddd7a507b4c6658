package io.exatlas.orchestrator;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.exatlas.compute.Compute;
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
 */
public record SessionRecord(Compute compute, @Nullable String userId, String owner, Duration idleTtl,
		Duration heartbeatInterval, Instant trackedSince) {

	/**
	 * Validates the record and keeps only what tracking needs of the resource.
	 * @param compute the resource
	 * @param userId the user
	 * @param owner the owning instance
	 * @param idleTtl the idle TTL
	 * @param heartbeatInterval the heartbeat interval
	 * @param trackedSince tracking start
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
