package io.exatlas.fly.tokens;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Durable storage of Fly tokens: per app, a {@link TokenKind#CACHED} record (acquired, expiring) and a
 * {@link TokenKind#MANUAL} record (set by the application), independent of each other. Implementations must be
 * thread-safe. Check yours with the {@code TokenStoreConformance} kit from the test-jar.
 */
public interface TokenStore {

	/**
	 * Read a record. Must not throw: an unavailable backend reads as empty.
	 * @param app the Fly app name
	 * @param kind which record
	 * @return the record, or empty
	 */
	Optional<StoredToken> get(String app, TokenKind kind);

	/**
	 * Write (or overwrite) a record durably before returning.
	 * @param app the Fly app name
	 * @param kind which record
	 * @param token the record
	 * @throws RuntimeException when the record could not be persisted
	 */
	void put(String app, TokenKind kind, StoredToken token);

	/**
	 * Delete a record; a missing record is not an error.
	 * @param app the Fly app name
	 * @param kind which record
	 */
	void delete(String app, TokenKind kind);

	/**
	 * Run the acquisition of a new token for an app while no other instance sharing this store runs one for the
	 * same app, so that a cold start or an expiry costs one {@code fly} CLI call per cluster instead of one per
	 * instance. The acquisition reads the store again first (another instance may have stored a token meanwhile)
	 * and stores what it acquired before it returns. A store local to one instance (the default) runs it at once.
	 * @param <T> the result
	 * @param app the Fly app name
	 * @param timeout the longest wait for another instance's acquisition; after it the acquisition runs anyway
	 * @param acquisition the acquisition
	 * @return its result
	 */
	default <T> T acquireExclusively(String app, Duration timeout, Supplier<T> acquisition) {
		return acquisition.get();
	}

}
