package io.exatlas.fly.tokens;

import reactor.core.publisher.Mono;

/**
 * The reactive view of {@link FlyTokens}: the same operations without blocking the caller (a cache hit completes at
 * once; a miss completes on the app's resolver thread).
 */
public interface ReactiveFlyTokens {

	/**
	 * Acquire a token for an app.
	 * @param app the Fly app
	 * @return the token, or an {@code UNAUTHORIZED} error when the chain has none
	 * @see FlyTokens#get(String)
	 */
	Mono<FlyToken> get(String app);

	/**
	 * Drop the app's cached and stored token and acquire a new one, atomically.
	 * @param app the Fly app
	 * @return the new token
	 * @see FlyTokens#refresh(String)
	 */
	Mono<FlyToken> refresh(String app);

	/**
	 * Drop the app's cached and stored (acquired) token.
	 * @param app the Fly app
	 * @return completion
	 * @see FlyTokens#invalidate(String)
	 */
	Mono<Void> invalidate(String app);

	/**
	 * Set the app's manual override token, persisted before completion.
	 * @param app the Fly app
	 * @param token the token
	 * @return completion, or an error when it could not be persisted
	 * @see FlyTokens#setManual(String, String)
	 */
	Mono<Void> setManual(String app, String token);

}
