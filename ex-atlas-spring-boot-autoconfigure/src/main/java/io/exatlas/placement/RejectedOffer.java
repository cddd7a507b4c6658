package io.exatlas.placement;

import java.util.Objects;

import io.exatlas.compute.Offer;

/**
 * An offer for the requested GPU that a plan left out, and why.
 *
 * @param offer the offer
 * @param reason why it was left out (the first constraint it breaks)
 */
public record RejectedOffer(Offer offer, Rejection reason) {

	/**
	 * Validates the rejected offer.
	 * @param offer the offer
	 * @param reason the reason
	 */
	public RejectedOffer {
		Objects.requireNonNull(offer, "offer");
		Objects.requireNonNull(reason, "reason");
	}

}
