package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Objects;

/**
 * How orchestrator instances sharing a {@link SessionRegistry} tell each other they are alive. Each instance renews
 * its heartbeat every {@code heartbeatInterval}; an instance whose heartbeat is older than {@code instanceTtl} is
 * dead, and the others take its sessions over (checked every {@code heartbeatInterval}) so their idle TTLs still
 * fire. Unused with a registry local to one instance.
 *
 * @param heartbeatInterval how often an instance renews its heartbeat and looks for sessions to take over
 * @param instanceTtl how long a heartbeat lasts; a few heartbeat intervals
 */
public record MembershipSettings(Duration heartbeatInterval, Duration instanceTtl) {

	/**
	 * Validates the settings.
	 * @param heartbeatInterval heartbeat interval
	 * @param instanceTtl heartbeat lifetime
	 */
	public MembershipSettings {
		Objects.requireNonNull(heartbeatInterval, "heartbeatInterval");
		Objects.requireNonNull(instanceTtl, "instanceTtl");
		if (heartbeatInterval.isNegative() || heartbeatInterval.isZero()) {
			throw new IllegalArgumentException("heartbeatInterval must be positive");
		}
		if (instanceTtl.compareTo(heartbeatInterval) <= 0) {
			throw new IllegalArgumentException("instanceTtl must be longer than heartbeatInterval");
		}
	}

	/**
	 * Heartbeats every 5 seconds that last 15 seconds.
	 * @return the settings
	 */
	public static MembershipSettings defaults() {
		return new MembershipSettings(Duration.ofSeconds(5), Duration.ofSeconds(15));
	}

}
