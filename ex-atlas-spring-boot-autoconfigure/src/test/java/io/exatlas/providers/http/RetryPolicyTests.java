package io.exatlas.providers.http;

import java.time.Duration;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryPolicyTests {

	private final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(500), Duration.ofSeconds(3), 0.2,
			Duration.ofSeconds(60), RetryPolicy.DEFAULT_RETRYABLE_STATUSES);

	@Test
	void backoffDoublesUpToTheCap() {
		ExAtlasException failure = status(503);
		assertThat(this.policy.delayBeforeRetry(0, failure, 0)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.policy.delayBeforeRetry(1, failure, 0)).isEqualTo(Duration.ofSeconds(1));
		assertThat(this.policy.delayBeforeRetry(2, failure, 0)).isEqualTo(Duration.ofSeconds(2));
		assertThat(this.policy.delayBeforeRetry(3, failure, 0)).isEqualTo(Duration.ofSeconds(3));
		assertThat(this.policy.delayBeforeRetry(62, failure, 0)).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void jitterShortensTheWaitByAtMostItsFraction() {
		assertThat(this.policy.delayBeforeRetry(1, status(503), 0.999)).isBetween(Duration.ofMillis(800),
				Duration.ofSeconds(1));
	}

	@Test
	void retryAfterWinsUpToTheMaximum() {
		ExAtlasException throttled = ExAtlasException.builder(ErrorKind.RATE_LIMITED)
			.status(429)
			.retryAfter(Duration.ofSeconds(7))
			.build();
		assertThat(this.policy.delayBeforeRetry(0, throttled, 0.5)).isEqualTo(Duration.ofSeconds(7));
		ExAtlasException tooLong = ExAtlasException.builder(ErrorKind.RATE_LIMITED)
			.status(429)
			.retryAfter(Duration.ofMinutes(5))
			.build();
		assertThat(this.policy.delayBeforeRetry(0, tooLong, 0.5)).isNull();
	}

	@Test
	void retryableFailures() {
		assertThat(this.policy.isRetryable(status(429))).isTrue();
		assertThat(this.policy.isRetryable(status(502))).isTrue();
		assertThat(this.policy.isRetryable(status(500))).isTrue();
		assertThat(this.policy.isRetryable(status(400))).isFalse();
		assertThat(this.policy.isRetryable(status(404))).isFalse();
		assertThat(this.policy.isRetryable(ExAtlasException.builder(ErrorKind.TRANSPORT).build())).isTrue();
		assertThat(this.policy.isRetryable(ExAtlasException.builder(ErrorKind.TIMEOUT).build())).isTrue();
		assertThat(this.policy.isRetryable(ExAtlasException.builder(ErrorKind.UNAUTHORIZED).build())).isFalse();
		RetryPolicy only503 = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, 0, Duration.ZERO, Set.of(503));
		assertThat(only503.isRetryable(status(429))).isFalse();
	}

	private static ExAtlasException status(int status) {
		return ExAtlasException.builder(ErrorKind.PROVIDER).status(status).build();
	}

}
