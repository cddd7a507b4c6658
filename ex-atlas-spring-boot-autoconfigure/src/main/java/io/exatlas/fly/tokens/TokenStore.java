package io.exatlas.fly.tokens;

import java.util.Optional;

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

}
