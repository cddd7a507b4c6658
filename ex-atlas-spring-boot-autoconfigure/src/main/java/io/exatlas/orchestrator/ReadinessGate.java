package io.exatlas.orchestrator;

import java.util.function.Function;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import io.exatlas.readiness.ReactiveReadiness;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * A session spawned ready: its probe runs while the session is tracked ({@code STARTING}); then {@code READY}, or
 * {@code NOT_READY} and, unless the caller keeps it, its termination with reason {@code NOT_READY}.
 */
final class ReadinessGate {

	private final @Nullable ReactiveReadiness readiness;

	private final Function<String, @Nullable LocalSession> local;

	private final SessionEvents events;

	private final Function<String, Mono<Void>> terminateNotReady;

	/**
	 * Create the gate.
	 * @param readiness runs probes, or {@code null} when the orchestrator has none
	 * @param local this instance's session by id
	 * @param events where the session's events go
	 * @param terminateNotReady terminates a tracked session with reason {@code NOT_READY}
	 */
	ReadinessGate(@Nullable ReactiveReadiness readiness, Function<String, @Nullable LocalSession> local,
			SessionEvents events, Function<String, Mono<Void>> terminateNotReady) {
		this.readiness = readiness;
		this.local = local;
		this.events = events;
		this.terminateNotReady = terminateNotReady;
	}

	boolean available() {
		return this.readiness != null;
	}

	Mono<TrackedSession> await(TrackedSession session, @Nullable SessionReadiness ready) {
		ReactiveReadiness probes = this.readiness;
		if (ready == null || probes == null) {
			return Mono.just(session);
		}
		return Mono.defer(() -> {
			LocalSession tracked = this.local.apply(session.id());
			phase(tracked, SessionPhase.STARTING);
			return probes.await(session.compute(), ready.probe()).map((compute) -> {
				phase(tracked, SessionPhase.READY);
				this.events.publish(session.id(), session.provider(), session.userId(), Type.READY, compute.status(),
						null, null);
				return session.with(compute, SessionPhase.READY);
			}).onErrorResume((ex) -> {
				ErrorKind kind = (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
				this.events.publish(session.id(), session.provider(), session.userId(), Type.NOT_READY, null, null,
						kind);
				phase(tracked, SessionPhase.NOT_READY);
				if (ready.keepIfNotReady()) {
					return Mono.error(ex);
				}
				return this.terminateNotReady.apply(session.id())
					.onErrorResume((terminateFailure) -> Mono.empty())
					.then(Mono.error(ex));
			});
		});
	}

	private static void phase(@Nullable LocalSession session, SessionPhase phase) {
		if (session != null) {
			session.phase(phase);
		}
	}

}
