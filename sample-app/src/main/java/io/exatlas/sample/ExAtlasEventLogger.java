package io.exatlas.sample;

import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.fly.deploy.FlyDeployExitEvent;
import io.exatlas.fly.logs.FlyLogsFetchEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireExceptionEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStopEvent;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.ReaperRunEvent;
import io.exatlas.providers.http.ProviderRequestEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Logs one line per ExAtlas event. Listeners run on the publishing thread (often a Netty event loop), so they only
 * log; events never carry a credential.
 */
@Component
class ExAtlasEventLogger {

	private static final Log logger = LogFactory.getLog(ExAtlasEventLogger.class);

	@EventListener
	void onProviderRequest(ProviderRequestEvent event) {
		logger.info("ExAtlas -> " + event.provider() + " " + event.api().tagValue() + " " + event.method() + " "
				+ event.url() + " -> " + (event.responseReceived() ? event.status().getAsInt() : "no response")
				+ " in " + event.duration().toMillis() + " ms (attempt " + event.attempt() + ")");
	}

	@EventListener
	void onComputeOperation(ComputeOperationEvent event) {
		logger.info("ExAtlas " + event.provider() + " " + event.operation().tagValue() + " " + event.outcome()
				+ ((event.errorKind() != null) ? " (" + event.errorKind().tagValue() + ")" : "")
				+ ((event.resourceId() != null) ? " " + Printable.of(event.resourceId()) : "") + " in "
				+ event.duration().toMillis() + " ms");
	}

	@EventListener
	void onComputeSession(ComputeSessionEvent event) {
		logger.info("Session " + Printable.of(event.computeId()) + " (" + Printable.of(event.userId()) + ") "
				+ event.type()
				+ ((event.status() != null) ? " " + event.status() : "")
				+ ((event.reason() != null) ? " " + event.reason() : "")
				+ ((event.errorKind() != null) ? " " + event.errorKind() : ""));
	}

	@EventListener
	void onReaperRun(ReaperRunEvent event) {
		if (event.found() > 0 || event.listError() != null) {
			logger.info("Reaper on " + event.provider() + ": found " + event.found() + ", reaped " + event.reaped()
					+ ", failed " + event.failed() + ", too young " + event.tooYoung()
					+ ((event.listError() != null) ? ", list error " + event.listError() : ""));
		}
	}

	@EventListener
	void onFlyTokenAcquired(FlyTokenAcquireStopEvent event) {
		logger.info("Fly token for " + Printable.of(event.app()) + " from " + event.source() + " via "
				+ event.acquirer() + " in "
				+ event.duration().toMillis() + " ms");
	}

	@EventListener
	void onFlyTokenFailed(FlyTokenAcquireExceptionEvent event) {
		logger.warn("Fly token for " + Printable.of(event.app()) + " failed: " + event.kind());
	}

	@EventListener
	void onFlyLogsFetched(FlyLogsFetchEvent event) {
		if (event.phase() != FlyLogsFetchEvent.Phase.START) {
			logger.debug("Fly logs of " + Printable.of(event.app()) + ": "
					+ (event.ok() ? event.count() + " entries" : event.error())
					+ " in " + event.duration().toMillis() + " ms");
		}
	}

	@EventListener
	void onFlyDeployExit(FlyDeployExitEvent event) {
		logger.info("Fly deploy " + Printable.of(event.ticketId()) + " ended " + event.result()
				+ ((event.exitCode() != null) ? " (exit " + event.exitCode() + ")" : "") + " after "
				+ event.duration().toSeconds() + " s");
	}

}
