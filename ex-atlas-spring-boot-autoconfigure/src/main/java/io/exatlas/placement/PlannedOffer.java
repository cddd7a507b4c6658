package io.exatlas.placement;

import java.math.BigDecimal;
import java.util.Objects;

import io.exatlas.compute.Offer;
import org.jspecify.annotations.Nullable;

/**
 * An offer that satisfies every constraint of a placement, with what the request would cost on it.
 *
 * @param offer the offer
 * @param pricePerHour the price per hour for the request's GPU count, or {@code null} when the provider publishes
 * none
 */
public record PlannedOffer(Offer offer, @Nullable BigDecimal pricePerHour) {

	/**
	 * Validates the planned offer.
	 * @param offer the offer
	 * @param pricePerHour the price for the request
	 */
	public PlannedOffer {
		Objects.requireNonNull(offer, "offer");
	}

}
