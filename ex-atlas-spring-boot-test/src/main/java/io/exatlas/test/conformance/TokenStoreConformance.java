package io.exatlas.test.conformance;

import java.time.Instant;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.fly.tokens.TokenStore;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract every Fly {@link TokenStore} must meet. Extend it and return a fresh, empty store from
 * {@link #store()}; override {@link #reopen(TokenStore)} when your store persists across restarts.
 */
public abstract class TokenStoreConformance {

	/**
	 * A fresh, empty store for one test.
	 * @return the store
	 */
	protected abstract TokenStore store();

	/**
	 * The same storage opened again, as after an application restart; {@code null} when the store does not persist.
	 * @param store the store to reopen
	 * @return a new instance over the same storage, or {@code null}
	 */
	protected TokenStore reopen(TokenStore store) {
		return null;
	}

	private static StoredToken token(String value, Instant expiresAt) {
		return new StoredToken(Secret.of(value), expiresAt);
	}

	@Test
	void aMissingRecordIsEmpty() {
		assertThat(store().get("absent-app", TokenKind.CACHED)).isEmpty();
	}

	@Test
	void aRecordRoundTrips() {
		TokenStore store = store();
		Instant expiry = Instant.parse("2026-12-01T10:00:00Z");
		store.put("app-a", TokenKind.CACHED, token("t-a", expiry));
		assertThat(store.get("app-a", TokenKind.CACHED)).hasValueSatisfying((record) -> {
			assertThat(record.token().reveal()).isEqualTo("t-a");
			assertThat(record.expiresAt()).isEqualTo(expiry);
		});
	}

	@Test
	void aPutOverwrites() {
		TokenStore store = store();
		store.put("app-b", TokenKind.CACHED, token("old", Instant.ofEpochSecond(1)));
		store.put("app-b", TokenKind.CACHED, token("new", Instant.ofEpochSecond(2)));
		assertThat(store.get("app-b", TokenKind.CACHED)).hasValueSatisfying((record) -> {
			assertThat(record.token().reveal()).isEqualTo("new");
			assertThat(record.expiresAt()).isEqualTo(Instant.ofEpochSecond(2));
		});
	}

	@Test
	void aDeletedRecordIsGone() {
		TokenStore store = store();
		store.put("app-c", TokenKind.CACHED, token("t-c", Instant.ofEpochSecond(100)));
		store.delete("app-c", TokenKind.CACHED);
		assertThat(store.get("app-c", TokenKind.CACHED)).isEmpty();
	}

	@Test
	void deletingAMissingRecordIsNotAnError() {
		store().delete("never-existed", TokenKind.CACHED);
	}

	@Test
	void manualRecordsHaveNoExpiry() {
		TokenStore store = store();
		store.put("app-m", TokenKind.MANUAL, new StoredToken(Secret.of("m-tok"), null));
		assertThat(store.get("app-m", TokenKind.MANUAL)).hasValueSatisfying((record) -> {
			assertThat(record.token().reveal()).isEqualTo("m-tok");
			assertThat(record.expiresAt()).isNull();
		});
	}

	@Test
	void cachedAndManualRecordsAreIndependent() {
		TokenStore store = store();
		store.put("shared-app", TokenKind.CACHED, token("c-tok", Instant.ofEpochSecond(100)));
		store.put("shared-app", TokenKind.MANUAL, new StoredToken(Secret.of("m-tok"), null));
		store.delete("shared-app", TokenKind.CACHED);
		assertThat(store.get("shared-app", TokenKind.CACHED)).isEmpty();
		assertThat(store.get("shared-app", TokenKind.MANUAL)).hasValueSatisfying(
				(record) -> assertThat(record.token().reveal()).isEqualTo("m-tok"));
	}

	@Test
	void appsAreIsolated() {
		TokenStore store = store();
		store.put("app-1", TokenKind.CACHED, token("one", Instant.ofEpochSecond(100)));
		assertThat(store.get("app-2", TokenKind.CACHED)).isEmpty();
	}

	@Test
	void recordsSurviveARestart() {
		TokenStore store = store();
		store.put("app-r", TokenKind.CACHED, token("persisted", Instant.parse("2026-12-01T10:00:00Z")));
		store.put("app-r", TokenKind.MANUAL, new StoredToken(Secret.of("manual"), null));
		TokenStore reopened = reopen(store);
		if (reopened == null) {
			return;
		}
		assertThat(reopened.get("app-r", TokenKind.CACHED)).hasValueSatisfying(
				(record) -> assertThat(record.token().reveal()).isEqualTo("persisted"));
		assertThat(reopened.get("app-r", TokenKind.MANUAL)).hasValueSatisfying(
				(record) -> assertThat(record.token().reveal()).isEqualTo("manual"));
	}

}
