package io.exatlas.spend;

import java.math.BigDecimal;

/**
 * One user's spend figures, as the sessions endpoint shows them.
 *
 * @param sessions the user's live sessions with a price
 * @param burnRate what those sessions cost now, in USD per hour
 * @param today what the user spent today (accounting zone), live sessions included
 * @param month what the user spent this calendar month, live sessions included
 */
public record UserSpend(int sessions, BigDecimal burnRate, BigDecimal today, BigDecimal month) {
}
