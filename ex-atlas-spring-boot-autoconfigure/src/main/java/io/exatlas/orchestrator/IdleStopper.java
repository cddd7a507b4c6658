package io.exatlas.orchestrator;

import java.util.function.BiFunction;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import io.exatlas.spend.SessionSpend;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Stop before terminate: a session with a stop time ({@code SessionOptions.withIdleStop}) whose provider can stop
 * has its resource stopped once idle that long (billing for compute ends; the disk stays), and started again when it
 * is touched; it is terminated at its idle TTL as any session. Any session's resource can also be stopped and
 * started on request ({@code pause}, {@code resume}). One stop or start at a time per session.
 */
final class IdleStopper {

	private static final Log logger = LogFactory.getLog(IdleStopper.class);

	private final ReactiveExAtlas exatlas;

	private final SessionEvents events;

	private final long tickMillis;

	private final BiFunction<LocalSession, Boolean, @Nullable SessionSpend> billing;

	/**
	 * Create the stopper.
	 * @param exatlas stops and starts resources
	 * @param events where the events go
	 * @param tickMillis how often a stopped session is looked at
	 * @param billing stops ({@code false}) or resumes ({@code true}) a session's billing once its resource stopped or
	 * started; answers the session's spend after the change, or {@code null}
	 */
	IdleStopper(ReactiveExAtlas exatlas, SessionEvents events, long tickMillis,
			BiFunction<LocalSession, Boolean, @Nullable SessionSpend> billing) {
		this.exatlas = exatlas;
		this.events = events;
		this.tickMillis = tickMillis;
		this.billing = billing;
	}

	/**
	 * Stop or start the session's resource if its activity says so.
	 * @param session the session
	 * @param lastActivity its last activity
	 * @param now the time
	 * @return when to look again ({@link Long#MAX_VALUE}: never, for this reason)
	 */
	long check(LocalSession session, long lastActivity, long now) {
		long stopAfter = session.stopAfterMillis();
		if (stopAfter == Long.MAX_VALUE) {
			return Long.MAX_VALUE;
		}
		if (session.transitioning()) {
			return now + this.tickMillis;
		}
		boolean idle = now - lastActivity >= stopAfter;
		if (!session.stopped() && idle) {
			transition(session, true);
			return now + this.tickMillis;
		}
		if (session.stopped() && !idle) {
			transition(session, false);
			return lastActivity + stopAfter;
		}
		// A stopped session is looked at every tick, so that a touch starts it within one.
		return session.stopped() ? now + this.tickMillis : lastActivity + stopAfter;
	}

	/**
	 * Stop the session's resource on request ({@code PAUSED}); a stopped one stays as it is.
	 * @param session the session
	 * @return completes once the provider stopped it; the provider's error otherwise
	 */
	Mono<Void> pause(LocalSession session) {
		return session.stopped() ? Mono.empty() : change(session, true, Type.PAUSED);
	}

	/**
	 * Start the session's stopped resource on request ({@code RESUMED}); a running one stays as it is.
	 * @param session the session
	 * @return completes once the provider started it; the provider's error otherwise
	 */
	Mono<Void> resume(LocalSession session) {
		return session.stopped() ? change(session, false, Type.RESUMED) : Mono.empty();
	}

	private void transition(LocalSession session, boolean stop) {
		change(session, stop, stop ? Type.IDLE_STOPPED : Type.RESUMED).subscribe(null,
				(ex) -> logger.warn("Compute session " + session.id() + " could not be "
						+ (stop ? "stopped" : "started") + " after " + (stop ? "its idle stop time" : "a touch") + ": "
						+ ex.getMessage()));
	}

	private Mono<Void> change(LocalSession session, boolean stop, Type event) {
		return Mono.defer(() -> {
			if (session.transitioning()) {
				return Mono.error(ExAtlasException.builder(ErrorKind.VALIDATION)
					.provider(session.provider())
					.message("compute session " + session.id() + " is being stopped or started already")
					.build());
			}
			session.transitioning(true);
			ReactiveExAtlas provider = this.exatlas.using(session.callOptions());
			return (stop ? provider.stop(session.id()) : provider.start(session.id()))
				.doOnError((ex) -> session.transitioning(false))
				.then(Mono.fromRunnable(() -> {
					session.stopped(stop);
					session.transitioning(false);
					SessionSpend spend = this.billing.apply(session, !stop);
					this.events.publish(session.id(), session.provider(), session.userId(), event,
							stop ? ComputeStatus.STOPPED : ComputeStatus.RUNNING, null, null,
							(spend != null) ? spend : session.spend());
				}));
		});
	}

}
