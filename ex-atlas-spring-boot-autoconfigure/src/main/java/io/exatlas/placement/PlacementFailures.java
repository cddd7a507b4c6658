package io.exatlas.placement;

import java.util.List;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.placement.PlacementAttempt.Outcome;

/**
 * How placement reads an attempt's failure (move on, or stop) and what it throws when it ends without a resource.
 */
final class PlacementFailures {

	private PlacementFailures() {
	}

	static Outcome outcomeOf(ExAtlasException failure) {
		if (failure.kind() == ErrorKind.REJECTED) {
			return Outcome.REJECTED;
		}
		ErrorReason reason = failure.reason().orElse(null);
		if (reason == ErrorReason.INSUFFICIENT_CAPACITY) {
			return Outcome.NO_CAPACITY;
		}
		return (reason == ErrorReason.QUOTA_EXCEEDED) ? Outcome.QUOTA_EXCEEDED : Outcome.FAILED;
	}

	static PlacementException stopped(ExAtlasException failure, List<PlacementAttempt> attempts) {
		ExAtlasException.Builder builder = ExAtlasException.builder(failure.kind())
			.provider(failure.provider().orElse(null))
			.code(failure.code().orElse(null))
			.reason(failure.reason().orElse(null))
			.retryAfter(failure.retryAfter().orElse(null))
			.message("placement stopped at attempt " + attempts.size() + ": " + failure.detail().orElse("no message"))
			.cause(failure);
		if (failure.status().isPresent()) {
			builder.status(failure.status().getAsInt());
		}
		return new PlacementException(builder, attempts);
	}

	/** A pass ended without a resource and without a stopping error: no offer left, or the attempts used up. */
	static final class NoCapacity extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient PlacementPlan plan;

		private final int tried;

		NoCapacity(PlacementPlan plan, int tried) {
			super(null, null, false, false);
			this.plan = plan;
			this.tried = tried;
		}

		PlacementException toException(List<PlacementAttempt> attempts, boolean retried) {
			String gpu = this.plan.request().gpu();
			if (!attempts.isEmpty() && attempts.stream().allMatch((attempt) -> attempt.outcome() == Outcome.REJECTED)) {
				return new PlacementException(ExAtlasException.builder(ErrorKind.REJECTED)
					.message("the spawn policies refused every offer for " + gpu + " (" + attempts.size()
							+ " tried); nothing was sent"), attempts);
			}
			String what = (this.plan.candidates().isEmpty() && this.tried == 0)
					? "no offer for " + gpu + " satisfies the policy (" + this.plan.rejected().size()
							+ " offers left out; see the plan's rejected offers)"
					: "no capacity for " + gpu + " on the " + attempts.size() + " offers tried";
			return new PlacementException(ExAtlasException.builder(ErrorKind.PROVIDER)
				.reason(ErrorReason.INSUFFICIENT_CAPACITY)
				.message(what + (retried ? ", until the retry deadline" : "")), attempts);
		}

	}

}
