package io.exatlas.providers.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ExAtlasException;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;

/**
 * Reactor retries built from a {@link RetryPolicy}: bounded, backed off with jitter, honouring {@code Retry-After},
 * and never re-sending a create whose outcome is unknown until the resource has been looked for.
 */
final class ProviderRetries {

	private final RetryPolicy policy;

	private final Scheduler scheduler;

	ProviderRetries(RetryPolicy policy, Scheduler scheduler) {
		this.policy = policy;
		this.scheduler = scheduler;
	}

	/**
	 * The retry of one request.
	 * @param idempotent whether re-sending the request is harmless; a request that is not is never retried
	 * @return the retry spec
	 */
	Retry forRequest(boolean idempotent) {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!idempotent || !(failure instanceof ExAtlasException atlas) || !this.policy.isRetryable(atlas)) {
				return Mono.error(failure);
			}
			return backOff(signal.totalRetries(), atlas, failure);
		}));
	}

	/**
	 * Run a create that must not produce duplicates; see {@link ProviderHttpClient#createOnce(Mono, Mono)}.
	 * @param <T> the created resource
	 * @param create sends the create request once
	 * @param findExisting looks the resource up; completes empty when it does not exist
	 * @return the created (or found) resource
	 */
	<T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		AtomicInteger attempts = new AtomicInteger();
		return Mono.defer(() -> {
			attempts.incrementAndGet();
			return create.onErrorResume(ExAtlasException.class, (failure) -> this.policy.isRetryable(failure)
					? findExisting.switchIfEmpty(Mono.error(() -> new UnsettledCreate(failure))) : Mono.error(failure));
		})
			.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> (signal
				.failure() instanceof UnsettledCreate unsettled)
						? backOff(signal.totalRetries(), unsettled.failure(), unsettled) : Mono.error(signal.failure()))))
			.onErrorMap(UnsettledCreate.class, UnsettledCreate::failure);
	}

	/** Wait before retry number {@code retries + 1}, or signal {@code signalled} when the policy says stop. */
	private Mono<Long> backOff(long retries, ExAtlasException failure, Throwable signalled) {
		if (retries >= this.policy.maxRetries()) {
			return Mono.error(signalled);
		}
		Duration delay = this.policy.delayBeforeRetry(retries, failure, ThreadLocalRandom.current().nextDouble());
		return (delay != null) ? Mono.delay(delay, this.scheduler) : Mono.error(signalled);
	}

	/**
	 * A create that failed ambiguously and whose resource was not found: safe to send again.
	 */
	private static final class UnsettledCreate extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient ExAtlasException failure;

		UnsettledCreate(ExAtlasException failure) {
			super(failure.getMessage(), null, false, false);
			this.failure = failure;
		}

		ExAtlasException failure() {
			return this.failure;
		}

	}

}
