package io.exatlas.cluster;

import java.time.Clock;
import java.util.IdentityHashMap;
import java.util.Map;

import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.support.RedisServer;
import io.exatlas.testkit.TokenStoreConformance;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

class RedisTokenStoreConformanceTests extends TokenStoreConformance {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static LettuceConnectionFactory connections;

	private static int stores;

	private final Map<TokenStore, String> prefixes = new IdentityHashMap<>();

	@BeforeAll
	static void connect() {
		connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", redis.port()));
		connections.afterPropertiesSet();
		connections.start();
	}

	@AfterAll
	static void disconnect() {
		connections.destroy();
	}

	@Override
	protected TokenStore store() {
		String prefix = "conformance-" + (++stores) + ":";
		TokenStore store = new RedisTokenStore(template(), prefix, Clock.systemUTC());
		this.prefixes.put(store, prefix);
		return store;
	}

	@Override
	protected TokenStore reopen(TokenStore store) {
		return new RedisTokenStore(template(), this.prefixes.get(store), Clock.systemUTC());
	}

	private static StringRedisTemplate template() {
		StringRedisTemplate template = new StringRedisTemplate(connections);
		template.afterPropertiesSet();
		return template;
	}

}
