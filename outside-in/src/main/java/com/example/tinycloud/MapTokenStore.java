package com.example.tinycloud;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.fly.tokens.TokenStore;

/**
 * A user's own Fly token store: a map keyed by app and kind, as a stand-in for the database a real application would
 * use. Checked by the token-store kit of {@code ex-atlas-spring-boot-test}.
 */
public class MapTokenStore implements TokenStore {

	private final Map<String, StoredToken> tokens = new ConcurrentHashMap<>();

	@Override
	public Optional<StoredToken> get(String app, TokenKind kind) {
		return Optional.ofNullable(this.tokens.get(key(app, kind)));
	}

	@Override
	public void put(String app, TokenKind kind, StoredToken token) {
		this.tokens.put(key(app, kind), token);
	}

	@Override
	public void delete(String app, TokenKind kind) {
		this.tokens.remove(key(app, kind));
	}

	private static String key(String app, TokenKind kind) {
		return app + "\n" + kind.name();
	}

}
