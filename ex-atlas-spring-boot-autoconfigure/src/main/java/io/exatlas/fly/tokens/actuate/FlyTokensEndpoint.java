package io.exatlas.fly.tokens.actuate;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import io.exatlas.fly.FlyAppNames;
import io.exatlas.fly.tokens.FlyTokenStatistics;
import io.exatlas.fly.tokens.FlyTokenStatistics.AppStatistics;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenAcquirer;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.internal.UserInput;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.DeleteOperation;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/flytokens}: acquisitions per app and in total (by source and acquirer), the fast-path hit
 * ratio, the token cache's statistics, and for each app the source and expiry of its current token (never the
 * token), its last acquisition and its last failure. {@code POST /actuator/flytokens/{app}} refreshes an app's token
 * and {@code DELETE} invalidates it; both need {@code management.endpoint.flytokens.access=unrestricted}. Over HTTP
 * (with {@link FlyTokensEndpointWebExtension}) an invalid app name is a 400, an app never seen a 404 and a refresh
 * the token chain cannot serve a 503 with the error kind, as in Boot's own endpoints.
 */
@Endpoint(id = "flytokens", defaultAccess = Access.READ_ONLY)
public class FlyTokensEndpoint {

	private final FlyTokens tokens;

	/**
	 * Create the endpoint.
	 * @param tokens the token manager
	 */
	public FlyTokensEndpoint(FlyTokens tokens) {
		this.tokens = tokens;
	}

	/**
	 * Statistics of every app.
	 * @return the descriptor
	 */
	@ReadOperation
	public FlyTokensDescriptor tokens() {
		FlyTokenStatistics statistics = this.tokens.statistics();
		Map<String, AppStatistics> perApp = statistics.apps();
		Map<String, FlyTokens.TokenState> cached = this.tokens.cachedTokens();
		TreeSet<String> apps = new TreeSet<>(perApp.keySet());
		apps.addAll(cached.keySet());
		Map<String, AppDescriptor> descriptors = new LinkedHashMap<>();
		for (String app : apps) {
			descriptors.put(app, AppDescriptor.of(perApp.get(app), cached.get(app)));
		}
		return new FlyTokensDescriptor(Statistics.of(statistics.total()), CacheDescriptor.of(this.tokens.cacheStatistics()),
				descriptors);
	}

	/**
	 * Statistics of one app.
	 * @param app the Fly app
	 * @return the descriptor, or {@code null} (404) for an app never seen
	 */
	@ReadOperation
	public @Nullable AppDescriptor app(@Selector String app) {
		requireValid(app);
		AppStatistics statistics = this.tokens.statistics().apps().get(app);
		FlyTokens.TokenState state = this.tokens.cachedTokens().get(app);
		return (statistics != null || state != null) ? AppDescriptor.of(statistics, state) : null;
	}

	/**
	 * Drop the app's token and acquire a new one.
	 * @param app the Fly app
	 * @return the app's statistics after the refresh
	 */
	@WriteOperation
	public @Nullable AppDescriptor refresh(@Selector String app) {
		this.tokens.refresh(requireValid(app));
		return app(app);
	}

	/**
	 * Drop the app's cached and stored token.
	 * @param app the Fly app
	 * @return whether this instance has seen the app (the web extension answers 404 when not)
	 */
	@DeleteOperation
	public boolean invalidate(@Selector String app) {
		boolean seen = app(app) != null;
		if (seen) {
			this.tokens.invalidate(app);
		}
		return seen;
	}

	private static String requireValid(String app) {
		if (!FlyAppNames.isValid(app)) {
			throw new InvalidEndpointRequestException("'" + UserInput.printable(app) + "' is not a Fly app name "
					+ "(lower-case letters, digits and dashes, at most 63 characters)", "invalid Fly app name");
		}
		return app;
	}

	/**
	 * All apps.
	 *
	 * @param total acquisitions summed over every app
	 * @param cache the token cache's statistics
	 * @param apps per app
	 */
	public record FlyTokensDescriptor(Statistics total, CacheDescriptor cache, Map<String, AppDescriptor> apps)
			implements OperationResponseBody {
	}

	/**
	 * Acquisition counts.
	 *
	 * @param acquisitions total acquisitions
	 * @param counts acquisitions by source, then acquirer
	 * @param fastPathHitRatio share served by the lock-free fast path
	 */
	public record Statistics(long acquisitions, Map<TokenSource, Map<TokenAcquirer, Long>> counts,
			double fastPathHitRatio) {

		static Statistics of(AppStatistics statistics) {
			return new Statistics(statistics.acquisitions(), statistics.counts(), statistics.fastPathHitRatio());
		}

	}

	/**
	 * One app.
	 *
	 * @param acquisitions acquisition counts
	 * @param currentSource where the cached token came from, if one is cached
	 * @param expiresAt when the cached token expires
	 * @param lastAcquiredAt the last acquisition
	 * @param lastFailure the last failure
	 */
	public record AppDescriptor(@Nullable Statistics acquisitions, @Nullable TokenSource currentSource,
			@Nullable Instant expiresAt, @Nullable Instant lastAcquiredAt,
			FlyTokenStatistics.@Nullable Failure lastFailure) implements OperationResponseBody {

		static AppDescriptor of(@Nullable AppStatistics statistics, FlyTokens.@Nullable TokenState state) {
			return new AppDescriptor((statistics != null) ? Statistics.of(statistics) : null,
					(state != null) ? state.source() : null, (state != null) ? state.expiresAt() : null,
					(statistics != null) ? statistics.lastAcquiredAt() : null,
					(statistics != null) ? statistics.lastFailure() : null);
		}

	}

	/**
	 * The token cache.
	 *
	 * @param hitCount cache hits
	 * @param missCount cache misses
	 * @param hitRate hits over requests, {@code null} before the first request (not 1.0)
	 * @param evictionCount evictions (expired or over the maximum size)
	 */
	public record CacheDescriptor(long hitCount, long missCount, @Nullable Double hitRate, long evictionCount) {

		static CacheDescriptor of(CacheStats stats) {
			return new CacheDescriptor(stats.hitCount(), stats.missCount(),
					(stats.requestCount() > 0) ? stats.hitRate() : null, stats.evictionCount());
		}

	}

}
