package io.exatlas.fly.tokens;

/**
 * Where an acquired token came from (the reference's {@code source}).
 */
public enum TokenSource {

	/** The in-memory cache (the reference's {@code :ets}). */
	CACHE,

	/** The durable token store. */
	STORAGE,

	/** {@code FLY_ACCESS_TOKEN} or {@code FLY_API_TOKEN} in the environment, which flyctl reads first too. */
	ENVIRONMENT,

	/** {@code access_token} of flyctl's {@code config.yml}. */
	CONFIG,

	/** {@code fly tokens create readonly}. */
	CLI,

	/** The manual override set by the application. */
	MANUAL,

	/** Nothing: the chain was exhausted. */
	NONE

}
