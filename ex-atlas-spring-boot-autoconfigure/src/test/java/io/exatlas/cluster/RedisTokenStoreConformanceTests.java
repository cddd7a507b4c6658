package io.exatlas.cluster;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.support.RedisServer;
import io.exatlas.test.conformance.TokenStoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

class RedisTokenStoreConformanceTests extends TokenStoreConformance {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static int stores;

	private final Map<TokenStore, String> prefixes = new IdentityHashMap<>();

	@Override
	protected TokenStore store() {
		String prefix = "conformance-" + (++stores) + ":";
		TokenStore store = new RedisTokenStore(redis.template(), prefix, Clock.systemUTC());
		this.prefixes.put(store, prefix);
		return store;
	}

	@Override
	protected TokenStore reopen(TokenStore store) {
		return new RedisTokenStore(redis.template(), this.prefixes.get(store), Clock.systemUTC());
	}

}
