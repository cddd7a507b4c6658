package io.exatlas.cluster.actuate;

import java.util.Objects;

import io.exatlas.orchestrator.SessionRegistry;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The shared session registry in Redis: UP with the number of tracked sessions and whether this instance's heartbeat
 * is alive (its sessions are not taken over), DOWN with the exception's type when Redis cannot be read. Two reads
 * per probe; never a key's value.
 */
public class RedisSessionsHealthIndicator implements HealthIndicator {

	private final SessionRegistry registry;

	private final String instanceId;

	/**
	 * Create the indicator.
	 * @param registry the shared registry
	 * @param instanceId this instance's orchestrator id
	 */
	public RedisSessionsHealthIndicator(SessionRegistry registry, String instanceId) {
		this.registry = Objects.requireNonNull(registry, "registry");
		this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
	}

	@Override
	public Health health() {
		try {
			int sessions = this.registry.size();
			boolean alive = this.registry.isAlive(this.instanceId);
			return Health.up()
				.withDetail("sessions", sessions)
				.withDetail("instance", this.instanceId)
				.withDetail("heartbeat", alive ? "alive" : "expired")
				.build();
		}
		catch (RuntimeException ex) {
			return Health.down().withDetail("error", ex.getClass().getName()).build();
		}
	}

}
