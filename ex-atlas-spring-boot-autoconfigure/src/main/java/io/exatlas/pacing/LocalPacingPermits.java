package io.exatlas.pacing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import reactor.core.publisher.Mono;

/**
 * Permits from Resilience4j {@link RateLimiter}s in this instance, one per rule and key. Per-resource limiters (one
 * per Fly machine) come and go; an idle one is forgotten after ten minutes.
 */
public final class LocalPacingPermits implements PacingPermits {

	private final Cache<String, Limiter> limiters = Caffeine.newBuilder()
		.maximumSize(10_000)
		.expireAfterAccess(Duration.ofMinutes(10))
		.build();

	@Override
	public Mono<Long> reserve(PacingRule rule, String key, Duration maxWait) {
		return Mono.just(limiter(rule, key, maxWait).limiter().reservePermission());
	}

	@Override
	public void changeLimit(String provider, Duration period, int limit) {
		this.limiters.asMap()
			.values()
			.stream()
			.filter((limiter) -> limiter.rule().provider().equals(provider) && limiter.rule().period().equals(period)
					&& limiter.limiter().getRateLimiterConfig().getLimitForPeriod() != limit)
			.forEach((limiter) -> limiter.limiter().changeLimitForPeriod(limit));
	}

	@Override
	public List<PacingStatus> status() {
		List<PacingStatus> statuses = new ArrayList<>();
		this.limiters.asMap()
			.values()
			.forEach((limiter) -> statuses.add(new PacingStatus(limiter.rule().provider(), limiter.rule().name(),
					limiter.key(), limiter.limiter().getRateLimiterConfig().getLimitForPeriod(), limiter.rule().period(),
					limiter.limiter().getMetrics().getAvailablePermissions())));
		statuses.sort(Comparator.comparing(PacingStatus::provider)
			.thenComparing(PacingStatus::rule)
			.thenComparing(PacingStatus::key));
		return statuses;
	}

	private Limiter limiter(PacingRule rule, String key, Duration maxWait) {
		return this.limiters.get(rule.name() + '|' + key,
				(name) -> new Limiter(rule, key, RateLimiter.of(name, RateLimiterConfig.custom()
					.limitForPeriod(rule.limit())
					.limitRefreshPeriod(rule.period())
					.timeoutDuration(maxWait)
					.build())));
	}

	private record Limiter(PacingRule rule, String key, RateLimiter limiter) {
	}

}
