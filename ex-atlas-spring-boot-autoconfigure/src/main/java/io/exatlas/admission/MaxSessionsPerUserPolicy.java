package io.exatlas.admission;

import java.util.Objects;
import java.util.function.Function;

import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses a session for a user who already has the maximum number of sessions tracked (in the session registry, so
 * across instances with Redis). Requests without a user (not sessions) are admitted.
 */
public final class MaxSessionsPerUserPolicy implements SpawnPolicy {

	private final int max;

	private final Function<String, Long> sessionsOf;

	/**
	 * Create the policy.
	 * @param max the most sessions one user may have
	 * @param sessionsOf how many sessions a user has now (may block: it runs on {@code boundedElastic})
	 */
	public MaxSessionsPerUserPolicy(int max, Function<String, Long> sessionsOf) {
		if (max < 1) {
			throw new IllegalArgumentException("max must be at least 1, was " + max);
		}
		this.max = max;
		this.sessionsOf = Objects.requireNonNull(sessionsOf, "sessionsOf");
	}

	@Override
	public Mono<AdmissionDecision> evaluate(AdmissionRequest request) {
		String user = request.userId();
		if (user == null) {
			return Mono.just(AdmissionDecision.admit());
		}
		return Mono.fromCallable(() -> this.sessionsOf.apply(user))
			.subscribeOn(Schedulers.boundedElastic())
			.map((sessions) -> (sessions >= this.max)
					? AdmissionDecision.reject("the user has " + sessions + " sessions, the most allowed is " + this.max)
					: AdmissionDecision.admit());
	}

	@Override
	public String name() {
		return "max-sessions-per-user";
	}

}
