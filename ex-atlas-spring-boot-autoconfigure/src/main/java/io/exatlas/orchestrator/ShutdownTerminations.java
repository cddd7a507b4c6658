package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import reactor.core.publisher.Mono;

/**
 * Shutdown with the {@code TERMINATE} policy: terminates every session this instance owns within what is left of
 * the shutdown budget, waits for them and for the terminations already in flight, and hands what was not confirmed
 * over ({@link SessionHandOver}).
 */
final class ShutdownTerminations {

	/** How long shutdown waits past its budget for the shutdown terminations' own timeouts to be reported. */
	private static final Duration REPORT_GRACE = Duration.ofSeconds(2);

	private final SessionRegistry registry;

	private final SessionTerminations terminations;

	private final SessionHandOver handOver;

	private final String instanceId;

	ShutdownTerminations(SessionRegistry registry, SessionTerminations terminations, SessionHandOver handOver,
			String instanceId) {
		this.registry = registry;
		this.terminations = terminations;
		this.handOver = handOver;
		this.instanceId = instanceId;
	}

	/**
	 * Terminate the sessions, each within the budget left.
	 * @param ids the sessions this instance tracks
	 * @param deadlineNanos the end of the shutdown budget ({@link System#nanoTime()})
	 * @param terminate ends a session's tracking and terminates its resource within a deadline
	 */
	void terminateAll(Collection<String> ids, long deadlineNanos,
			BiFunction<SessionRecord, Duration, Mono<Void>> terminate) {
		Map<String, SessionRecord> attempted = new LinkedHashMap<>();
		Set<String> confirmed = ConcurrentHashMap.newKeySet();
		List<Mono<Void>> shutdownTerminations = new ArrayList<>();
		for (String id : ids) {
			this.registry.get(id).filter((record) -> record.owner().equals(this.instanceId)).ifPresent((record) -> {
				attempted.put(id, record);
				shutdownTerminations.add(terminate.apply(record, left(deadlineNanos, 1))
					.doOnSuccess((done) -> confirmed.add(id))
					.onErrorResume((ex) -> Mono.empty()));
			});
		}
		List<Mono<Void>> pending = new ArrayList<>(shutdownTerminations);
		pending.addAll(this.terminations.inFlight());
		try {
			Mono.when(pending).block(left(deadlineNanos, 0));
		}
		catch (RuntimeException ex) {
			// The budget ran out. The shutdown terminations time out at the same deadline on their own timer and
			// report it (TERMINATE_FAILED TIMEOUT); a loaded machine may run that timer a moment after this wait
			// ended, so let them report before handing over what is not confirmed.
			try {
				Mono.when(shutdownTerminations).block(REPORT_GRACE);
			}
			catch (RuntimeException late) {
				// Handed over below all the same.
			}
		}
		Map<String, SessionRecord> unconfirmed = new LinkedHashMap<>(attempted);
		unconfirmed.keySet().removeAll(confirmed);
		this.terminations.unconfirmed().forEach((record) -> unconfirmed.putIfAbsent(record.id(), record));
		if (!unconfirmed.isEmpty()) {
			this.handOver.handOver(List.copyOf(unconfirmed.values()));
		}
	}

	private static Duration left(long deadlineNanos, long atLeast) {
		return Duration.ofNanos(Math.max(atLeast, deadlineNanos - System.nanoTime()));
	}

}
