package io.exatlas.spend;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;

/**
 * A spend limit for a calendar period, per user or for everyone.
 *
 * @param perUser whether each user has this budget (otherwise it is shared by every session)
 * @param period the period
 * @param limit the limit in USD
 */
public record Budget(boolean perUser, BillingPeriod period, BigDecimal limit) {

	/**
	 * Validates the budget.
	 * @param perUser per user or for everyone
	 * @param period the period
	 * @param limit the limit
	 */
	public Budget {
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(limit, "limit");
		if (limit.signum() < 0) {
			throw new IllegalArgumentException("limit must not be negative, was " + limit);
		}
	}

	/**
	 * How the budget reads in a rejection, e.g. {@code the user's daily budget of 50}.
	 * @return the description
	 */
	public String describe() {
		return (this.perUser ? "the user's " : "the shared ") + ((this.period == BillingPeriod.DAY) ? "daily" : "monthly")
				+ " budget of " + this.limit.toPlainString() + " USD";
	}

	@Override
	public String toString() {
		return "Budget[" + (this.perUser ? "per-user " : "") + this.period.name().toLowerCase(Locale.ROOT) + "="
				+ this.limit.toPlainString() + "]";
	}

}
