package io.exatlas.spend;

import java.time.LocalDate;

/**
 * A budget period, in calendar days of the accounting time zone ({@code exatlas.spend.zone}).
 */
public enum BillingPeriod {

	/** The current calendar day. */
	DAY,

	/** The current calendar month. */
	MONTH;

	/**
	 * The first day of the period that holds a day.
	 * @param today the day
	 * @return the period's first day
	 */
	public LocalDate start(LocalDate today) {
		return (this == DAY) ? today : today.withDayOfMonth(1);
	}

}
