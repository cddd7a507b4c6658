package io.exatlas.admission;

import java.math.BigDecimal;
import java.util.Objects;

import reactor.core.publisher.Mono;

/**
 * Refuses an offer that costs more than a limit per GPU-hour (a spawn whose price is not known before the call, one
 * not placed, is admitted: its price is the provider's answer).
 */
public final class MaxPricePerGpuHourPolicy implements SpawnPolicy {

	private final BigDecimal max;

	/**
	 * Create the policy.
	 * @param max the highest price per GPU-hour in USD
	 */
	public MaxPricePerGpuHourPolicy(BigDecimal max) {
		this.max = Objects.requireNonNull(max, "max");
		if (max.signum() < 0) {
			throw new IllegalArgumentException("max must not be negative, was " + max);
		}
	}

	@Override
	public Mono<AdmissionDecision> evaluate(AdmissionRequest request) {
		BigDecimal price = (request.offer() != null) ? request.offer().pricePerGpuHour() : null;
		return Mono.just((price != null && price.compareTo(this.max) > 0)
				? AdmissionDecision.reject("the offer costs " + price.toPlainString() + " USD per GPU-hour, more than "
						+ this.max.toPlainString())
				: AdmissionDecision.admit());
	}

	@Override
	public String name() {
		return "max-price-per-gpu-hour";
	}

}
