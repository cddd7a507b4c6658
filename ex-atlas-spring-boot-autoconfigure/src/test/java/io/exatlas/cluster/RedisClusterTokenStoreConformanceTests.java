package io.exatlas.cluster;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.support.RedisClusterNodes;
import io.exatlas.test.conformance.TokenStoreConformance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The Redis token store passes the token store conformance kit on a real three-node Redis Cluster as well.
 */
class RedisClusterTokenStoreConformanceTests extends TokenStoreConformance {

	@RegisterExtension
	static final RedisClusterNodes cluster = new RedisClusterNodes();

	private static int stores;

	private final Map<TokenStore, String> prefixes = new IdentityHashMap<>();

	@Override
	protected TokenStore store() {
		String prefix = "conformance-" + (++stores) + ":";
		TokenStore store = new RedisTokenStore(cluster.template(), prefix, Clock.systemUTC());
		this.prefixes.put(store, prefix);
		return store;
	}

	@Override
	protected TokenStore reopen(TokenStore store) {
		return new RedisTokenStore(cluster.template(), this.prefixes.get(store), Clock.systemUTC());
	}

}
