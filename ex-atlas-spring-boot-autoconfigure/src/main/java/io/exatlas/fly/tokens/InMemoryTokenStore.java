package io.exatlas.fly.tokens;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link TokenStore} that keeps records in memory only (for tests, or when tokens must never touch the disk).
 */
public class InMemoryTokenStore implements TokenStore {

	private final Map<Key, StoredToken> records = new ConcurrentHashMap<>();

	@Override
	public Optional<StoredToken> get(String app, TokenKind kind) {
		return Optional.ofNullable(this.records.get(new Key(app, kind)));
	}

	@Override
	public void put(String app, TokenKind kind, StoredToken token) {
		this.records.put(new Key(app, kind), token);
	}

	@Override
	public void delete(String app, TokenKind kind) {
		this.records.remove(new Key(app, kind));
	}

	private record Key(String app, TokenKind kind) {
	}

}
