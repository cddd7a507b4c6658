package io.exatlas.orchestrator;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import io.exatlas.compute.CallOptions;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * This instance's membership of a shared session registry: it renews the instance's heartbeat and adopts the
 * sessions of instances whose heartbeat lapsed (and its own, after a restart with the same instance id), so their
 * idle deadlines still fire.
 */
final class ClusterMembership {

	private static final Log logger = LogFactory.getLog(ComputeOrchestrator.class);

	private final SessionRegistry registry;

	private final String instanceId;

	private final MembershipSettings settings;

	private final Clock clock;

	ClusterMembership(SessionRegistry registry, String instanceId, MembershipSettings settings, Clock clock) {
		this.registry = registry;
		this.instanceId = instanceId;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * One round: renew the heartbeat, then claim every session of a dead instance.
	 * @param trackedHere whether this instance already tracks a session id
	 * @param adopt takes over a claimed session
	 */
	void round(Predicate<String> trackedHere, BiConsumer<LocalSession, SessionRecord> adopt) {
		this.registry.heartbeat(this.instanceId, this.settings.instanceTtl());
		long now = this.clock.millis();
		Map<String, Boolean> alive = new HashMap<>();
		for (SessionRecord record : this.registry.all()) {
			String owner = record.owner();
			if (trackedHere.test(record.id())
					|| (!owner.equals(this.instanceId) && alive.computeIfAbsent(owner, this.registry::isAlive))) {
				continue;
			}
			// A session of a dead instance, or one of this instance's own that it does not track yet (it restarted
			// with the same instance id).
			if (owner.equals(this.instanceId) || this.registry.claim(record.id(), owner, this.instanceId)) {
				adopt.accept(new LocalSession(record.id(), record.provider(), record.userId(),
						record.idleTtl().toMillis(), record.heartbeatInterval().toMillis(),
						CallOptions.provider(record.provider()), now, record.endOfLifeMillis()), record);
				logger.info("Took over compute session " + record.id() + " from instance " + owner);
			}
		}
	}

	MembershipSettings settings() {
		return this.settings;
	}

}
