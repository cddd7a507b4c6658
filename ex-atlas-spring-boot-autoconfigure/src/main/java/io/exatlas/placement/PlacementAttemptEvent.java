package io.exatlas.placement;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;

/**
 * One create of a placement ended: where it was tried (provider, region, GPU, tier, spot, price for the request) and
 * how it ended.
 */
public final class PlacementAttemptEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final transient PlacementAttempt attempt;

	private final transient BigDecimal pricePerHour;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param attempt the attempt
	 * @param pricePerHour the price per hour of the request on the offer, or {@code null}
	 */
	public PlacementAttemptEvent(Object source, Clock clock, PlacementAttempt attempt,
			@org.jspecify.annotations.Nullable BigDecimal pricePerHour) {
		super(source, clock);
		this.attempt = Objects.requireNonNull(attempt, "attempt");
		this.pricePerHour = pricePerHour;
	}

	/**
	 * The attempt.
	 * @return the attempt
	 */
	public PlacementAttempt attempt() {
		return this.attempt;
	}

	/**
	 * The price per hour of the request on the offer.
	 * @return the price, or {@code null} when the provider publishes none
	 */
	public @org.jspecify.annotations.Nullable BigDecimal pricePerHour() {
		return this.pricePerHour;
	}

	@Override
	public String toString() {
		return "PlacementAttemptEvent[number=" + this.attempt.number() + ", provider=" + this.attempt.offer().provider()
				+ ", region=" + this.attempt.offer().region() + ", gpu=" + this.attempt.offer().nativeGpuId()
				+ ", outcome=" + this.attempt.outcome() + ", errorKind=" + this.attempt.errorKind() + "]";
	}

}
