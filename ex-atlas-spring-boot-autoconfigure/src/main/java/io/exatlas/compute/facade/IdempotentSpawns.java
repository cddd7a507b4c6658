package io.exatlas.compute.facade;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exatlas.compute.Compute;
import reactor.core.publisher.Mono;

/**
 * The outcomes of idempotent spawns, by provider and key, for a window: the first spawn with a key runs; every call
 * with the same key within the window (concurrent or later) gets its outcome, the resource or the failure, and no
 * second resource is created. A caller that cancels does not cancel the spawn, so a client's retry finds it. Local to
 * this instance: several instances must route a key's retries to one instance, or share the key's outcome (a later
 * step).
 */
public final class IdempotentSpawns {

	private final Cache<String, Mono<Compute>> outcomes;

	/**
	 * Create the store.
	 * @param window how long an outcome answers a repeated key
	 * @param clock measures the window
	 */
	public IdempotentSpawns(Duration window, Clock clock) {
		this.outcomes = Caffeine.newBuilder()
			.maximumSize(100_000)
			.expireAfterWrite(window)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.build();
	}

	/**
	 * Run a spawn once per provider and key within the window.
	 * @param provider the provider id
	 * @param key the caller's idempotency key
	 * @param spawn the spawn
	 * @return the first spawn's outcome
	 */
	Mono<Compute> once(String provider, String key, Mono<Compute> spawn) {
		return Mono.defer(() -> this.outcomes.get(provider + '\n' + key, (ignored) -> spawn.cache()));
	}

}
