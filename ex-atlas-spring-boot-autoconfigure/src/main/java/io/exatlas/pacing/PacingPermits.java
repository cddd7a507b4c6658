package io.exatlas.pacing;

import java.time.Duration;
import java.util.List;

import reactor.core.publisher.Mono;

/**
 * Where a {@link Pacer}'s permits come from: {@link LocalPacingPermits} (Resilience4j rate limiters in this
 * instance, the default) or, for limits shared by every instance, {@code io.exatlas.cluster.RedisPacingPermits}
 * (Bucket4j buckets in Redis, {@code exatlas.pacing.store=redis}).
 */
public interface PacingPermits {

	/**
	 * Reserve one permit of a rule's limiter for a key, without waiting.
	 * @param rule the rule
	 * @param key what the limiter counts (the provider, an endpoint or a resource)
	 * @param maxWait the longest acceptable wait
	 * @return the nanoseconds to wait before the permit is due ({@code 0}: now), or {@code -1} when it is more than
	 * {@code maxWait} away (then nothing was reserved)
	 */
	Mono<Long> reserve(PacingRule rule, String key, Duration maxWait);

	/**
	 * Set the limit of a provider's limiters with this period, as the provider reported it.
	 * @param provider the provider id
	 * @param period the period
	 * @param limit the requests per period
	 */
	void changeLimit(String provider, Duration period, int limit);

	/**
	 * Every known limiter's headroom.
	 * @return the statuses
	 */
	List<PacingStatus> status();

}
