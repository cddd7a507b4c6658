package io.exatlas.orchestrator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import io.exatlas.spend.SessionSpend;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * What shutdown does with the sessions whose termination its budget could not confirm.
 */
final class SessionHandOver {

	private static final Log logger = LogFactory.getLog(ComputeOrchestrator.class);

	private final SessionRegistry registry;

	private final OrchestratorSettings settings;

	private final Clock clock;

	SessionHandOver(SessionRegistry registry, OrchestratorSettings settings, Clock clock) {
		this.registry = registry;
		this.settings = settings;
		this.clock = clock;
	}

	/**
	 * Sessions whose termination was not confirmed within the shutdown budget are not lost from view: a shared
	 * registry gets them back (owned by this instance, whose heartbeat stops, so another instance takes them over and
	 * finishes the job); otherwise they are named in the log and left to the reaper.
	 */
	void handOver(List<SessionRecord> unconfirmed) {
		List<String> ids = unconfirmed.stream().map(SessionRecord::id).toList();
		if (!this.registry.isShared()) {
			logger.warn(ids.size() + " compute sessions were not confirmed terminated within "
					+ this.settings.shutdownTimeout() + " (exatlas.orchestrator.shutdown-timeout): " + ids
					+ "; they are left to the reaper");
			return;
		}
		List<String> handedOver = new ArrayList<>();
		for (SessionRecord record : unconfirmed) {
			try {
				if (this.registry.register(resumedBilling(record), this.clock.millis())) {
					handedOver.add(record.id());
				}
			}
			catch (RuntimeException ex) {
				logger.debug("Could not hand session " + record.id() + " back to the registry: "
						+ ex.getClass().getSimpleName());
			}
		}
		this.registry.leave(this.settings.instanceId());
		logger.warn(ids.size() + " compute sessions were not confirmed terminated within "
				+ this.settings.shutdownTimeout() + " (exatlas.orchestrator.shutdown-timeout): " + ids + "; "
				+ handedOver.size() + " are back in the shared registry for another instance to take over, the "
				+ "rest are left to the reaper");
	}

	/**
	 * A session whose termination began was settled and its billing stopped at that instant; handed back, it is
	 * billed again from then (the ledger holds everything before).
	 */
	private static SessionRecord resumedBilling(SessionRecord record) {
		SessionSpend spend = record.spend();
		return (spend != null) ? record.withSpend(spend.withBilling(true, spend.since())) : record;
	}

}
