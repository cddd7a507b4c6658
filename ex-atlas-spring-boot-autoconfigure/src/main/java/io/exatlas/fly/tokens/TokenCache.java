package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.exatlas.Secret;
import io.exatlas.fly.tokens.FlyTokens.TokenState;
import org.jspecify.annotations.Nullable;

/**
 * The in-memory token cache: a private Caffeine cache in which each token expires at its own {@code expiresAt}
 * (read from the application's clock), with statistics. Reads are lock-free.
 */
final class TokenCache {

	private final Cache<String, CachedToken> cache;

	TokenCache(long maximumSize, Clock clock) {
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
			.expireAfter(new TokenExpiry(clock))
			.recordStats()
			.build();
	}

	/**
	 * The app's cached token, as a cache hit reports it (source {@code CACHE}).
	 * @param app the app
	 * @return the token, or {@code null}
	 */
	@Nullable FlyToken get(String app) {
		CachedToken cached = this.cache.getIfPresent(app);
		return (cached != null) ? cached.token() : null;
	}

	/**
	 * Cache a token acquired from a source.
	 * @param app the app
	 * @param token the token
	 * @param origin where it was acquired
	 * @param expiresAt when it expires
	 * @return the token as its acquirer reports it (source {@code origin})
	 */
	FlyToken put(String app, Secret token, TokenSource origin, Instant expiresAt) {
		CachedToken cached = new CachedToken(new FlyToken(app, token, TokenSource.CACHE, expiresAt), origin);
		this.cache.put(app, cached);
		return cached.token().withSource(origin);
	}

	void invalidate(String app) {
		this.cache.invalidate(app);
	}

	CacheStats stats() {
		return this.cache.stats();
	}

	Map<String, TokenState> states() {
		Map<String, TokenState> states = new TreeMap<>();
		this.cache.asMap()
			.forEach((app, cached) -> states.put(app, new TokenState(cached.origin(), cached.token().expiresAt())));
		return states;
	}

	private record CachedToken(FlyToken token, TokenSource origin) {
	}

	/**
	 * Each token expires at its own {@code expiresAt}.
	 */
	private static final class TokenExpiry implements Expiry<String, CachedToken> {

		private final Clock clock;

		TokenExpiry(Clock clock) {
			this.clock = clock;
		}

		@Override
		public long expireAfterCreate(String app, CachedToken token, long currentTime) {
			Instant expiresAt = token.token().expiresAt();
			return (expiresAt != null)
					? Math.max(0, TimeUnit.MILLISECONDS.toNanos(expiresAt.toEpochMilli() - this.clock.millis()))
					: Long.MAX_VALUE;
		}

		@Override
		public long expireAfterUpdate(String app, CachedToken token, long currentTime, long currentDuration) {
			return expireAfterCreate(app, token, currentTime);
		}

		@Override
		public long expireAfterRead(String app, CachedToken token, long currentTime, long currentDuration) {
			return currentDuration;
		}

	}

}
