package io.exatlas.spend;

import java.math.BigDecimal;
import java.util.Objects;

import io.exatlas.admission.AdmissionDecision;
import io.exatlas.admission.AdmissionRequest;
import io.exatlas.admission.SpawnPolicy;
import io.exatlas.compute.Offer;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Refuses a spawn while the live sessions already burn the cap (per user, or for everyone), or when the offer a
 * placement attempt is about to use would take the rate past it.
 */
public final class BurnRateCapPolicy implements SpawnPolicy {

	private final boolean perUser;

	private final BigDecimal max;

	private final SpendAccounting accounting;

	/**
	 * Create the policy.
	 * @param perUser whether the cap is per user (requests without a user are admitted) or for everyone
	 * @param max the highest burn rate in USD per hour
	 * @param accounting the spend figures
	 */
	public BurnRateCapPolicy(boolean perUser, BigDecimal max, SpendAccounting accounting) {
		if (max.signum() < 0) {
			throw new IllegalArgumentException("max must not be negative, was " + max);
		}
		this.perUser = perUser;
		this.max = max;
		this.accounting = Objects.requireNonNull(accounting, "accounting");
	}

	@Override
	public Mono<AdmissionDecision> evaluate(AdmissionRequest request) {
		String user = request.userId();
		if (this.perUser && user == null) {
			return Mono.just(AdmissionDecision.admit());
		}
		SpendScope scope = this.perUser ? SpendScope.user(user) : SpendScope.all();
		BigDecimal added = added(request);
		return Mono.fromCallable(() -> this.accounting.burnRate(scope))
			.subscribeOn(Schedulers.boundedElastic())
			.map((rate) -> {
				BigDecimal after = rate.add(added);
				boolean over = (added.signum() > 0) ? after.compareTo(this.max) > 0 : rate.compareTo(this.max) >= 0;
				return over ? AdmissionDecision.reject(who() + " burn " + rate.toPlainString() + " USD per hour"
						+ ((added.signum() > 0) ? " and the offer adds " + added.toPlainString() : "")
						+ "; the cap is " + this.max.toPlainString()) : AdmissionDecision.admit();
			});
	}

	private static BigDecimal added(AdmissionRequest request) {
		Offer offer = request.offer();
		if (offer == null || offer.pricePerGpuHour() == null) {
			return BigDecimal.ZERO;
		}
		return offer.pricePerGpuHour().multiply(BigDecimal.valueOf(request.request().gpuCount()));
	}

	private String who() {
		return this.perUser ? "the user's sessions" : "all sessions";
	}

	@Override
	public String name() {
		return this.perUser ? "max-burn-rate-per-user" : "max-burn-rate";
	}

	@Override
	public String toString() {
		return "BurnRateCapPolicy[" + name() + "=" + this.max.toPlainString() + "]";
	}

}
