package io.exatlas.spend;

import java.math.BigDecimal;
import java.time.LocalDate;

import org.jspecify.annotations.Nullable;

/**
 * Settled spend per calendar day, for everyone, per user and per provider: what budgets are checked against. The
 * running part of live sessions is not in the ledger (see {@link SpendAccounting}). The default is in memory; with
 * {@code exatlas.orchestrator.registry=redis} it is shared in Redis. Implementations must be thread-safe.
 */
public interface SpendLedger {

	/**
	 * Add settled spend to a day, for everyone, for the provider and for the user.
	 * @param provider the provider
	 * @param userId the user, if any
	 * @param day the calendar day the spend falls on
	 * @param amount the amount in USD (positive)
	 */
	void add(String provider, @Nullable String userId, LocalDate day, BigDecimal amount);

	/**
	 * The settled spend of a scope over a range of days (days before the retention count as nothing, so a long range
	 * costs no more than the retention).
	 * @param scope whose spend
	 * @param from the first day
	 * @param to the last day (inclusive)
	 * @return the amount in USD
	 */
	BigDecimal total(SpendScope scope, LocalDate from, LocalDate to);

}
