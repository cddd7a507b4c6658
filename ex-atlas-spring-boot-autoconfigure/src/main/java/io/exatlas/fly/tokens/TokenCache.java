package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exatlas.Secret;
import io.exatlas.fly.tokens.FlyTokens.TokenState;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * The in-memory token cache: a private Caffeine cache bounded in size, in which each token is removed at its own
 * {@code expiresAt} by a task on the manager's timer, instead of by a clock read on every lookup. A hit is then a
 * plain Caffeine read (the benchmark's floor) plus the app's hit counter, which each entry carries so that counting
 * costs no map lookup. Misses and evictions are counted here; hits by the statistics.
 */
final class TokenCache {

	private final Cache<String, CachedToken> cache;

	private final Clock clock;

	private final Scheduler timer;

	private final Function<String, LongAdder> hitCounters;

	private final LongAdder misses = new LongAdder();

	private final LongAdder evictions = new LongAdder();

	/**
	 * Create the cache.
	 * @param maximumSize the most apps cached
	 * @param clock reads the time a token is cached at, to schedule its removal
	 * @param timer runs the removals
	 * @param hitCounters the fast-path hit counter of an app
	 */
	TokenCache(long maximumSize, Clock clock, Scheduler timer, Function<String, LongAdder> hitCounters) {
		this.clock = clock;
		this.timer = timer;
		this.hitCounters = hitCounters;
		this.cache = Caffeine.newBuilder()
			.maximumSize(maximumSize)
			.executor(Runnable::run)
			.<String, CachedToken>removalListener((app, cached, cause) -> {
				if (cached != null) {
					cached.cancelExpiry();
				}
				if (cause.wasEvicted()) {
					this.evictions.increment();
				}
			})
			.build();
	}

	/**
	 * A fast-path lookup: the entry, whose {@link CachedToken#hits()} the caller increments; a miss is counted.
	 * @param app the app
	 * @return the entry, or {@code null}
	 */
	@Nullable CachedToken hit(String app) {
		CachedToken cached = this.cache.getIfPresent(app);
		if (cached == null) {
			this.misses.increment();
		}
		return cached;
	}

	/**
	 * The app's cached token, as a cache hit reports it (source {@code CACHE}), for the chain's own look (a caller
	 * that queued behind another); not counted.
	 * @param app the app
	 * @return the token, or {@code null}
	 */
	@Nullable FlyToken get(String app) {
		CachedToken cached = this.cache.getIfPresent(app);
		return (cached != null) ? cached.token() : null;
	}

	/**
	 * Cache a token acquired from a source, until it expires (a token already expired is not cached).
	 * @param app the app
	 * @param token the token
	 * @param origin where it was acquired
	 * @param expiresAt when it expires, or {@code null} for never
	 * @return the token as its acquirer reports it (source {@code origin})
	 */
	FlyToken put(String app, Secret token, TokenSource origin, @Nullable Instant expiresAt) {
		CachedToken cached = new CachedToken(new FlyToken(app, token, TokenSource.CACHE, expiresAt), origin,
				this.hitCounters.apply(app));
		long delay = (expiresAt != null) ? expiresAt.toEpochMilli() - this.clock.millis() : Long.MAX_VALUE;
		if (delay <= 0) {
			this.cache.invalidate(app);
			return cached.token().withSource(origin);
		}
		this.cache.put(app, cached);
		if (expiresAt != null) {
			cached.expiry = this.timer.schedule(() -> expire(app, cached), delay, TimeUnit.MILLISECONDS);
		}
		return cached.token().withSource(origin);
	}

	private void expire(String app, CachedToken cached) {
		if (this.cache.asMap().remove(app, cached)) {
			this.evictions.increment();
		}
	}

	void invalidate(String app) {
		this.cache.invalidate(app);
	}

	long misses() {
		return this.misses.sum();
	}

	long evictions() {
		return this.evictions.sum();
	}

	Map<String, TokenState> states() {
		Map<String, TokenState> states = new TreeMap<>();
		this.cache.asMap()
			.forEach((app, cached) -> states.put(app, new TokenState(cached.origin(), cached.token().expiresAt())));
		return states;
	}

	/**
	 * A cached token, where it came from, and the counter of its app's fast-path hits.
	 */
	static final class CachedToken {

		private final FlyToken token;

		private final TokenSource origin;

		private final LongAdder hits;

		private volatile @Nullable Disposable expiry;

		CachedToken(FlyToken token, TokenSource origin, LongAdder hits) {
			this.token = token;
			this.origin = origin;
			this.hits = hits;
		}

		FlyToken token() {
			return this.token;
		}

		TokenSource origin() {
			return this.origin;
		}

		LongAdder hits() {
			return this.hits;
		}

		void cancelExpiry() {
			Disposable scheduled = this.expiry;
			if (scheduled != null) {
				scheduled.dispose();
			}
		}

	}

}
