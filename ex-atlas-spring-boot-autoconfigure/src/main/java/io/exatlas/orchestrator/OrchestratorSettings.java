package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Defaults and behaviour of the {@link ComputeOrchestrator}.
 *
 * @param idleTtl default idle TTL of a session
 * @param heartbeatInterval default heartbeat interval ({@link Duration#ZERO} disables heartbeat events)
 * @param tickInterval how often due sessions are checked (the precision of idle expiry)
 * @param shutdownPolicy what happens to tracked sessions on graceful shutdown
 * @param shutdownTimeout the longest shutdown waits for terminations
 * @param instanceId this instance's id in the session registry
 * @param namePrefix prefix of the names given to sessions spawned without one (the reaper's prefix, so an orphaned
 * session is found)
 * @param maxLifetime default hard lifetime of a session, however active, or {@code null} for none
 */
public record OrchestratorSettings(Duration idleTtl, Duration heartbeatInterval, Duration tickInterval,
		ShutdownPolicy shutdownPolicy, Duration shutdownTimeout, String instanceId, String namePrefix,
		@Nullable Duration maxLifetime) {

	/**
	 * Validates the settings.
	 * @param idleTtl idle TTL
	 * @param heartbeatInterval heartbeat interval
	 * @param tickInterval tick interval
	 * @param shutdownPolicy shutdown policy
	 * @param shutdownTimeout shutdown timeout
	 * @param instanceId instance id
	 * @param namePrefix name prefix
	 * @param maxLifetime the hard lifetime
	 */
	public OrchestratorSettings {
		Objects.requireNonNull(namePrefix, "namePrefix");
		Objects.requireNonNull(idleTtl, "idleTtl");
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(tickInterval, "tickInterval");
		Objects.requireNonNull(shutdownPolicy, "shutdownPolicy");
		Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
		Objects.requireNonNull(instanceId, "instanceId");
		if (tickInterval.isNegative() || tickInterval.isZero()) {
			throw new IllegalArgumentException("tickInterval must be positive");
		}
		if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero()
				|| !io.exatlas.Durations.withinLongest(maxLifetime))) {
			throw new IllegalArgumentException("maxLifetime must be positive and at most "
					+ io.exatlas.Durations.LONGEST.toDays() + " days, was " + maxLifetime);
		}
	}

	/**
	 * Settings without a hard lifetime.
	 * @param idleTtl idle TTL
	 * @param heartbeatInterval heartbeat interval
	 * @param tickInterval tick interval
	 * @param shutdownPolicy shutdown policy
	 * @param shutdownTimeout shutdown timeout
	 * @param instanceId instance id
	 * @param namePrefix name prefix
	 */
	public OrchestratorSettings(Duration idleTtl, Duration heartbeatInterval, Duration tickInterval,
			ShutdownPolicy shutdownPolicy, Duration shutdownTimeout, String instanceId, String namePrefix) {
		this(idleTtl, heartbeatInterval, tickInterval, shutdownPolicy, shutdownTimeout, instanceId, namePrefix, null);
	}

	/**
	 * The reference's defaults: 30 min idle TTL, 60 s heartbeats, 1 s ticks, terminate on shutdown within 30 s,
	 * sessions named {@code atlas-…}.
	 * @param instanceId this instance's id
	 * @return the settings
	 */
	public static OrchestratorSettings defaults(String instanceId) {
		return new OrchestratorSettings(Duration.ofMinutes(30), Duration.ofSeconds(60), Duration.ofSeconds(1),
				ShutdownPolicy.TERMINATE, Duration.ofSeconds(30), instanceId, "atlas-");
	}

}
