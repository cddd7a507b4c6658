package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The spawns under way, counted from before the provider call, so that shutdown can wait for them: a spawn that
 * completes after shutdown began must be terminated or recorded, never left running untracked.
 */
final class SpawnsInFlight {

	private static final Log logger = LogFactory.getLog(ComputeOrchestrator.class);

	private final ConcurrentMap<Long, Mono<Void>> spawning = new ConcurrentHashMap<>();

	private final AtomicLong keys = new AtomicLong();

	/**
	 * Count a spawn for as long as it runs.
	 * @param <T> its result
	 * @param spawn the spawn, not yet subscribed
	 * @return the same spawn, counted from subscription to its end (success, error or cancel)
	 */
	<T> Mono<T> track(Mono<T> spawn) {
		return Mono.defer(() -> {
			long key = this.keys.incrementAndGet();
			Sinks.Empty<Void> done = Sinks.empty();
			this.spawning.put(key, done.asMono());
			return spawn.doFinally((signal) -> {
				this.spawning.remove(key);
				done.tryEmitEmpty();
			});
		});
	}

	/**
	 * Wait for the spawns under way, at most until a deadline.
	 * @param deadline the deadline, in {@link System#nanoTime()} terms
	 */
	void await(long deadline) {
		List<Mono<Void>> inFlight = List.copyOf(this.spawning.values());
		if (inFlight.isEmpty()) {
			return;
		}
		try {
			Mono.when(inFlight).block(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		catch (RuntimeException ex) {
			logger.warn(this.spawning.size() + " compute spawns were still in flight at the end of the shutdown "
					+ "budget; each is terminated (or left, per the policy) when it completes");
		}
	}

}
