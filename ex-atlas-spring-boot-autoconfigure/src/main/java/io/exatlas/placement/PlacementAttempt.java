package io.exatlas.placement;

import java.time.Duration;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.compute.Offer;
import org.jspecify.annotations.Nullable;

/**
 * One create a placement sent, on one offer, and how it ended.
 *
 * @param number the attempt's number in the placement, from 1
 * @param offer the offer tried
 * @param outcome how it ended
 * @param errorKind the failure's kind, or {@code null} when it placed
 * @param errorReason the failure's reason, when it has one
 * @param duration how long the create took
 */
public record PlacementAttempt(int number, Offer offer, Outcome outcome, @Nullable ErrorKind errorKind,
		@Nullable ErrorReason errorReason, Duration duration) {

	/**
	 * Validates the attempt.
	 * @param number the number
	 * @param offer the offer
	 * @param outcome the outcome
	 * @param errorKind the kind
	 * @param errorReason the reason
	 * @param duration the duration
	 */
	public PlacementAttempt {
		Objects.requireNonNull(offer, "offer");
		Objects.requireNonNull(outcome, "outcome");
		Objects.requireNonNull(duration, "duration");
	}

	/** How an attempt ended. */
	public enum Outcome {

		/** The resource was created. */
		PLACED,

		/** No capacity (or the offer was taken): placement moved to the next offer. */
		NO_CAPACITY,

		/** The account's quota at the provider is used up: placement moved past the provider's offers. */
		QUOTA_EXCEEDED,

		/** A spawn policy refused the offer (nothing was sent): placement moved to the next offer. */
		REJECTED,

		/** Any other failure: placement stopped (an ambiguous create is never followed by a second one). */
		FAILED;

		/**
		 * The lower-case name used in meter tags.
		 * @return the tag value
		 */
		public String tagValue() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

	}

}
