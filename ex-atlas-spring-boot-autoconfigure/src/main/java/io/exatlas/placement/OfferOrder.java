package io.exatlas.placement;

import java.math.BigDecimal;
import java.util.Comparator;

import io.exatlas.compute.GpuAvailability;

/**
 * The order in which a plan lists the offers that satisfy its constraints, and so the order placement tries them.
 * Declare a bean of this type to replace the default, {@link #cheapestFirst()}.
 */
@FunctionalInterface
public interface OfferOrder extends Comparator<PlannedOffer> {

	/**
	 * Cheapest first (offers without a price last), then the better availability, then on-demand before spot,
	 * then by provider, region and GPU id so that equal offers keep a stable order.
	 * @return the order
	 */
	static OfferOrder cheapestFirst() {
		Comparator<PlannedOffer> order = Comparator
			.comparing(PlannedOffer::pricePerHour, Comparator.nullsLast(Comparator.<BigDecimal>naturalOrder()))
			.thenComparing((planned) -> rank(planned.offer().availability()))
			.thenComparing((planned) -> planned.offer().spot())
			.thenComparing((planned) -> planned.offer().provider())
			.thenComparing((planned) -> planned.offer().region(), Comparator.nullsLast(Comparator.naturalOrder()))
			.thenComparing((planned) -> planned.offer().nativeGpuId())
			.thenComparing((planned) -> planned.offer().cloudType());
		return order::compare;
	}

	private static int rank(GpuAvailability availability) {
		return switch (availability) {
			case HIGH -> 0;
			case MEDIUM -> 1;
			case LOW -> 2;
			case UNKNOWN -> 3;
			case UNAVAILABLE -> 4;
		};
	}

}
