package io.exatlas.compute.facade;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exatlas.compute.Compute;
import reactor.core.publisher.Mono;

/**
 * The outcomes of idempotent spawns in this instance, by provider and key, for a window. Past 100,000 keys in one
 * window Caffeine evicts some before their window ends, and a retry of an evicted key spawns again. The outcome keeps the resource's generated credential, so a retry on this instance gets it
 * too. Several instances without the Redis registry must route a key's retries to one instance.
 */
public final class LocalIdempotentSpawns implements IdempotentSpawns {

	private final Cache<String, Mono<Compute>> outcomes;

	private final Predicate<Throwable> isOutcome;

	/**
	 * Create the store.
	 * @param window how long an outcome answers a repeated key
	 * @param clock measures the window
	 */
	public LocalIdempotentSpawns(Duration window, Clock clock) {
		this(window, clock, (failure) -> true);
	}

	/**
	 * Create the store, for a store that layers on it: failures that are not the spawn's outcome (a wait that gave
	 * up, a store that could not be reached) are forgotten once they end, so the next call with the key runs again.
	 * @param window how long an outcome answers a repeated key
	 * @param clock measures the window
	 * @param isOutcome whether a failure is the spawn's outcome, to answer every call with the key within the window
	 */
	public LocalIdempotentSpawns(Duration window, Clock clock, Predicate<Throwable> isOutcome) {
		this.isOutcome = isOutcome;
		this.outcomes = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(window)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	@Override
	public Mono<Compute> once(String provider, String key, Mono<Compute> spawn) {
		return Mono.defer(() -> {
			String entry = provider + '\n' + key;
			Mono<Compute> outcome = this.outcomes.get(entry, (ignored) -> spawn.cache());
			return outcome.doOnError((ex) -> {
				if (!this.isOutcome.test(ex)) {
					this.outcomes.asMap().remove(entry, outcome);
				}
			});
		});
	}

}
