package io.exatlas.orchestrator;

import java.time.Duration;
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
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Terminates the upstream resource of a session whose tracking ended, exactly once, with its events (carrying the
 * session's final spend, settled when tracking ended): {@code TERMINATING}, then {@code STATUS TERMINATED} once the
 * provider confirmed (a resource the provider reports
 * as gone counts), or {@code TERMINATE_FAILED} with the error kind. Terminations in flight are kept so that
 * shutdown can wait for them.
 */
final class SessionTerminations {

	private final ReactiveExAtlas exatlas;

	private final SessionEvents events;

	private final ConcurrentMap<String, InFlight> inFlight = new ConcurrentHashMap<>();

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
		return terminate(record, options, reason, null);
	}

	/**
	 * Terminate a session's resource within a deadline (shutdown's remaining budget): a provider that has not
	 * confirmed by then ends the termination as a {@code TIMEOUT} ({@code TERMINATE_FAILED} event), its retries cut
	 * short, instead of running past the budget.
	 * @param record the session
	 * @param options the call options to terminate with
	 * @param reason why tracking ended
	 * @param deadline the longest wait for the provider, or {@code null} for the HTTP settings' own
	 * @return completes once the provider confirmed; the provider's error otherwise
	 */
	Mono<Void> terminate(SessionRecord record, CallOptions options, TerminationReason reason,
			@Nullable Duration deadline) {
		String id = record.id();
		this.events.publish(id, record.provider(), record.userId(), Type.TERMINATING, null, reason, null,
				record.spend());
		Mono<Void> call = this.exatlas.using(options).terminate(id);
		if (deadline != null) {
			call = call.timeout(deadline, Mono.error(() -> ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider(record.provider())
				.message("resource " + id + " was not confirmed terminated within the shutdown budget of " + deadline)
				.build()));
		}
		Mono<Void> termination = call
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
		this.inFlight.put(id, new InFlight(record, termination.onErrorResume((ex) -> Mono.empty())));
		return termination;
	}

	/**
	 * The terminations still running, each completing (never failing) when it ends.
	 * @return a snapshot
	 */
	Collection<Mono<Void>> inFlight() {
		return this.inFlight.values().stream().map(InFlight::completion).toList();
	}

	/**
	 * The sessions whose termination has not ended yet: the provider has not confirmed, nor failed.
	 * @return a snapshot
	 */
	List<SessionRecord> unconfirmed() {
		return this.inFlight.values().stream().map(InFlight::record).toList();
	}

	private void terminated(SessionRecord record) {
		this.events.publish(record.id(), record.provider(), record.userId(), Type.STATUS, ComputeStatus.TERMINATED,
				null, null, record.spend());
	}

	private record InFlight(SessionRecord record, Mono<Void> completion) {
	}

}
