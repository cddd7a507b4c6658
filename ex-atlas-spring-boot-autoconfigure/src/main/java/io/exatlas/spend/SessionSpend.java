package io.exatlas.spend;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.Objects;

/**
 * What a session has cost so far: the amount settled up to an instant, plus the price per hour since then while the
 * resource is billed. The running part is computed when asked, so recording activity costs nothing; the amount is
 * settled (moved into {@link #accrued()}) only when the price changes, the resource stops or starts, and when the
 * session ends. Amounts are in USD, the currency every provider reports in.
 *
 * @param pricePerHour the price per hour since {@code since}
 * @param accrued what the session cost up to {@code since}
 * @param since when {@code accrued} was settled
 * @param billing whether the resource is billed at {@code pricePerHour} since then ({@code false} while it is
 * stopped: stopped resources bill no compute)
 */
public record SessionSpend(BigDecimal pricePerHour, BigDecimal accrued, Instant since, boolean billing) {

	/** Scale of settled amounts (a millionth of a dollar). */
	public static final int SCALE = 6;

	private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

	/**
	 * Validates the figures.
	 * @param pricePerHour the price per hour
	 * @param accrued the settled amount
	 * @param since when it was settled
	 * @param billing whether it is billed
	 */
	public SessionSpend {
		Objects.requireNonNull(pricePerHour, "pricePerHour");
		Objects.requireNonNull(accrued, "accrued");
		Objects.requireNonNull(since, "since");
		if (pricePerHour.signum() < 0) {
			throw new IllegalArgumentException("pricePerHour must not be negative, was " + pricePerHour);
		}
		if (accrued.signum() < 0) {
			throw new IllegalArgumentException("accrued must not be negative, was " + accrued);
		}
	}

	/**
	 * A session billed from now at a price.
	 * @param pricePerHour the price per hour
	 * @param now when billing starts
	 * @return the spend
	 */
	public static SessionSpend start(BigDecimal pricePerHour, Instant now) {
		return new SessionSpend(pricePerHour, BigDecimal.ZERO, now, true);
	}

	/**
	 * What the session has cost up to an instant.
	 * @param now the instant
	 * @return the settled amount plus the price over the billed time since the settlement
	 */
	public BigDecimal accruedAt(Instant now) {
		return this.accrued.add(unsettled(now)).setScale(SCALE, RoundingMode.HALF_EVEN);
	}

	/**
	 * What the session has cost since the last settlement.
	 * @param now the instant
	 * @return the amount (zero while not billed, or for an instant before the settlement)
	 */
	public BigDecimal unsettled(Instant now) {
		return cost(this.since, now);
	}

	/**
	 * What the billed time between two instants costs at this spend's price.
	 * @param from the start
	 * @param to the end
	 * @return the amount (zero while not billed, or when {@code to} is not after {@code from})
	 */
	public BigDecimal cost(Instant from, Instant to) {
		long millis = to.toEpochMilli() - from.toEpochMilli();
		if (!this.billing || millis <= 0 || this.pricePerHour.signum() == 0) {
			return BigDecimal.ZERO;
		}
		return this.pricePerHour.multiply(BigDecimal.valueOf(millis)).divide(MILLIS_PER_HOUR, SCALE,
				RoundingMode.HALF_EVEN);
	}

	/**
	 * The current rate: the price while billed, zero otherwise.
	 * @return USD per hour
	 */
	public BigDecimal burnRate() {
		return this.billing ? this.pricePerHour : BigDecimal.ZERO;
	}

	/**
	 * Settle up to an instant (the accrued amount moves forward, nothing else changes).
	 * @param now the instant
	 * @return the settled spend
	 */
	public SessionSpend settledAt(Instant now) {
		Instant at = now.isAfter(this.since) ? now : this.since;
		return new SessionSpend(this.pricePerHour, accruedAt(at), at, this.billing);
	}

	/**
	 * Settle, then bill at another price.
	 * @param pricePerHour the new price
	 * @param now when it changed
	 * @return the new spend
	 */
	public SessionSpend withPrice(BigDecimal pricePerHour, Instant now) {
		SessionSpend settled = settledAt(now);
		return new SessionSpend(pricePerHour, settled.accrued, settled.since, this.billing);
	}

	/**
	 * Settle, then stop or start billing (the resource was stopped or started).
	 * @param billing whether it is billed from now
	 * @param now when it changed
	 * @return the new spend
	 */
	public SessionSpend withBilling(boolean billing, Instant now) {
		SessionSpend settled = settledAt(now);
		return new SessionSpend(this.pricePerHour, settled.accrued, settled.since, billing);
	}

}
