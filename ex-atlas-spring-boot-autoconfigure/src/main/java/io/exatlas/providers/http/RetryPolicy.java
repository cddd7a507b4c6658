package io.exatlas.providers.http;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

/**
 * When and how long to wait before re-sending an idempotent request. Non-idempotent requests (a create) are never
 * re-sent by the plumbing, whatever the policy says.
 *
 * @param maxRetries retries after the first attempt (0 disables retries)
 * @param initialBackoff wait before the first retry; doubles with each retry
 * @param maxBackoff upper bound of the exponential wait
 * @param jitter fraction (0 to 1) by which each wait is randomly shortened, to spread retries of many callers
 * @param maxRetryAfter longest {@code Retry-After} the plumbing honours; a longer one fails at once (kind
 * {@code RATE_LIMITED}, with {@link ExAtlasException#retryAfter()} set)
 * @param retryableStatuses HTTP statuses that are retried
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff, double jitter,
		Duration maxRetryAfter, Set<Integer> retryableStatuses) {

	/** The statuses retried by default: 408, 429, 500, 502, 503 and 504. */
	public static final Set<Integer> DEFAULT_RETRYABLE_STATUSES = Set.of(408, 429, 500, 502, 503, 504);

	/**
	 * Validates the policy.
	 * @param maxRetries retries
	 * @param initialBackoff first wait
	 * @param maxBackoff longest wait
	 * @param jitter jitter fraction
	 * @param maxRetryAfter longest honoured Retry-After
	 * @param retryableStatuses retried statuses
	 */
	public RetryPolicy {
		Objects.requireNonNull(initialBackoff, "initialBackoff");
		Objects.requireNonNull(maxBackoff, "maxBackoff");
		Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
		if (maxRetries < 0) {
			throw new IllegalArgumentException("maxRetries must not be negative");
		}
		if (jitter < 0 || jitter > 1) {
			throw new IllegalArgumentException("jitter must be between 0 and 1");
		}
		retryableStatuses = Set.copyOf(retryableStatuses);
	}

	/**
	 * Three retries, 500 ms doubling up to 8 s, 20 % jitter, {@code Retry-After} honoured up to 60 s.
	 * @return the default policy
	 */
	public static RetryPolicy defaults() {
		return new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), 0.2, Duration.ofSeconds(60),
				DEFAULT_RETRYABLE_STATUSES);
	}

	/**
	 * Never retry.
	 * @return the policy
	 */
	public static RetryPolicy none() {
		return new RetryPolicy(0, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Set.of());
	}

	/**
	 * The same policy with another retry count.
	 * @param maxRetries retries after the first attempt
	 * @return the policy
	 */
	public RetryPolicy withMaxRetries(int maxRetries) {
		return new RetryPolicy(maxRetries, this.initialBackoff, this.maxBackoff, this.jitter, this.maxRetryAfter,
				this.retryableStatuses);
	}

	/**
	 * Whether a failure is worth another attempt: a retryable status, a transport failure or a timeout.
	 * @param failure the failure
	 * @return whether to retry
	 */
	public boolean isRetryable(ExAtlasException failure) {
		if (failure.status().isPresent()) {
			return this.retryableStatuses.contains(failure.status().getAsInt());
		}
		return failure.kind() == ErrorKind.TRANSPORT || failure.kind() == ErrorKind.TIMEOUT;
	}

	/**
	 * The wait before a retry.
	 * @param retryIndex 0 before the first retry, 1 before the second, …
	 * @param failure the failure that triggers the retry
	 * @param random a uniform random number in [0, 1) that picks the jitter
	 * @return the wait, or {@code null} when the provider asked for a longer wait than {@link #maxRetryAfter()}
	 */
	public @Nullable Duration delayBeforeRetry(long retryIndex, ExAtlasException failure, double random) {
		Duration retryAfter = failure.retryAfter().orElse(null);
		if (retryAfter != null) {
			return (retryAfter.compareTo(this.maxRetryAfter) <= 0) ? retryAfter : null;
		}
		long factor = 1L << Math.min(retryIndex, 30);
		Duration exponential = this.initialBackoff.multipliedBy(factor);
		Duration capped = (exponential.compareTo(this.maxBackoff) > 0 || exponential.isNegative()) ? this.maxBackoff
				: exponential;
		long nanos = capped.toNanos();
		return Duration.ofNanos(nanos - (long) (nanos * this.jitter * random));
	}

}
