package io.exatlas.spend;

import java.math.BigDecimal;
import java.util.Map;

/**
 * Everyone's spend figures and each user's, from one read of the live sessions.
 *
 * @param burnRate what all live sessions cost now, in USD per hour
 * @param today what was spent today (accounting zone), live sessions included
 * @param month what was spent this calendar month, live sessions included
 * @param users each user with a live session that has a price, sorted by id
 */
public record SpendReport(BigDecimal burnRate, BigDecimal today, BigDecimal month, Map<String, UserSpend> users) {

	/**
	 * Copies the users.
	 * @param burnRate the burn rate
	 * @param today today's spend
	 * @param month this month's spend
	 * @param users the users
	 */
	public SpendReport {
		users = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(users));
	}

}
