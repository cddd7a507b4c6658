package io.exatlas.orchestrator;

import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import reactor.core.publisher.Mono;

/**
 * Terminates the upstream resource of a session whose tracking ended, exactly once, with its events:
 * {@code TERMINATING}, then {@code STATUS TERMINATED} once the provider confirmed (a resource the provider reports
 * as gone counts), or {@code TERMINATE_FAILED} with the error kind. Terminations in flight are kept so that
 * shutdown can wait for them.
 */
final class SessionTerminations {

	private final ReactiveExAtlas exatlas;

	private final SessionEvents events;

	private final ConcurrentMap<String, Mono<Void>> inFlight = new ConcurrentHashMap<>();

	SessionTerminations(ReactiveExAtlas exatlas, SessionEvents events) {
		this.exatlas = exatlas;
		this.events = events;
	}

	/**
	 * Terminate a session's resource; the caller has already removed the session from the registry, so this runs
	 * once per session.
	 * @param record the session
	 * @param options the call options to terminate with (the spawn's provider and credential)
	 * @param reason why tracking ended
	 * @return completes once the provider confirmed; the provider's error otherwise
	 */
	Mono<Void> terminate(SessionRecord record, CallOptions options, TerminationReason reason) {
		String id = record.id();
		this.events.publish(id, record.provider(), record.userId(), Type.TERMINATING, null, reason, null);
		Mono<Void> termination = this.exatlas.using(options)
			.terminate(id)
			.then(Mono.fromRunnable(() -> terminated(record)))
			.onErrorResume((ex) -> {
				ErrorKind kind = (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
				if (kind == ErrorKind.NOT_FOUND) {
					terminated(record);
					return Mono.empty();
				}
				this.events.publish(id, record.provider(), record.userId(), Type.TERMINATE_FAILED, null, null, kind);
				return Mono.error(ex);
			})
			.then()
			.doFinally((signal) -> this.inFlight.remove(id))
			.cache();
		this.inFlight.put(id, termination.onErrorResume((ex) -> Mono.empty()));
		return termination;
	}

	/**
	 * The terminations still running, each completing (never failing) when it ends.
	 * @return a snapshot
	 */
	Collection<Mono<Void>> inFlight() {
		return List.copyOf(this.inFlight.values());
	}

	private void terminated(SessionRecord record) {
		this.events.publish(record.id(), record.provider(), record.userId(), Type.STATUS, ComputeStatus.TERMINATED,
				null, null);
	}

}
