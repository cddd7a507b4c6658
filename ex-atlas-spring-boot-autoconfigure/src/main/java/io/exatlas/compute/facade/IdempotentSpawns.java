package io.exatlas.compute.facade;

import io.exatlas.compute.Compute;
import reactor.core.publisher.Mono;

/**
 * Where the outcomes of spawns with an idempotency key are kept for a window: the first spawn with a key runs; every
 * call with the same provider and key within the window (concurrent or later) gets its outcome, the resource or the
 * failure, and no second resource is created. {@link LocalIdempotentSpawns} keeps them in this instance; with the
 * Redis session registry, {@code io.exatlas.cluster.RedisIdempotentSpawns} shares them between instances. Declare a
 * bean of this type to keep them elsewhere.
 */
@FunctionalInterface
public interface IdempotentSpawns {

	/**
	 * Run a spawn once per provider and key within the window. A caller that cancels does not cancel the spawn, so a
	 * client's retry finds it.
	 * @param provider the provider id
	 * @param key the caller's idempotency key
	 * @param spawn the spawn, subscribed to at most once per window
	 * @return the first spawn's outcome
	 */
	Mono<Compute> once(String provider, String key, Mono<Compute> spawn);

}
