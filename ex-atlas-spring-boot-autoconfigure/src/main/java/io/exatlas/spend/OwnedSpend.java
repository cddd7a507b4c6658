package io.exatlas.spend;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * The spend of the sessions this instance owns, per provider: the burn rate and the amount accrued so far (ended
 * sessions included), each in constant time per change and per read, so that a metrics scrape does not walk the
 * sessions. Summed over instances, the figures are the fleet's: a session is owned by one instance at a time.
 */
public final class OwnedSpend {

	private static final double MILLIS_PER_HOUR = 3_600_000d;

	private final ConcurrentMap<String, Totals> providers = new ConcurrentHashMap<>();

	private final Clock clock;

	/**
	 * Create the totals.
	 * @param clock the clock the accrued amounts are read at
	 */
	public OwnedSpend(Clock clock) {
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * A session this instance now owns (spawned, or taken over).
	 * @param provider its provider
	 * @param spend its spend
	 */
	public void add(String provider, SessionSpend spend) {
		totals(provider).apply(spend, 1);
	}

	/**
	 * A session's spend changed (its price, or it stopped or started billing).
	 * @param provider its provider
	 * @param before the spend before the change
	 * @param after the spend after it
	 */
	public void replace(String provider, SessionSpend before, SessionSpend after) {
		Totals totals = totals(provider);
		synchronized (totals) {
			totals.apply(before, -1);
			totals.apply(after, 1);
		}
	}

	/**
	 * A session this instance owned ended; what it cost stays in the accrued amount.
	 * @param provider its provider
	 * @param spend its spend, as added or last replaced
	 * @param at when it ended
	 */
	public void end(String provider, SessionSpend spend, Instant at) {
		Totals totals = totals(provider);
		synchronized (totals) {
			totals.apply(spend, -1);
			totals.ended += spend.accruedAt(at).doubleValue();
		}
	}

	/**
	 * A session this instance owned left without ending (taken over by another instance).
	 * @param provider its provider
	 * @param spend its spend
	 */
	public void remove(String provider, SessionSpend spend) {
		totals(provider).apply(spend, -1);
	}

	/**
	 * The burn rate of the provider's sessions owned here.
	 * @param provider the provider
	 * @return USD per hour
	 */
	public double burnRate(String provider) {
		Totals totals = this.providers.get(provider);
		return (totals != null) ? totals.burnRate() : 0;
	}

	/**
	 * What the provider's sessions owned here have cost so far, ended ones included.
	 * @param provider the provider
	 * @return USD
	 */
	public double accrued(String provider) {
		Totals totals = this.providers.get(provider);
		return (totals != null) ? totals.accrued(this.clock.millis() / MILLIS_PER_HOUR) : 0;
	}

	private Totals totals(String provider) {
		return this.providers.computeIfAbsent(provider, (id) -> new Totals());
	}

	@Override
	public String toString() {
		return "OwnedSpend[providers=" + this.providers.keySet() + "]";
	}

	/**
	 * Sums over the sessions: accrued = ended + Σ settled + now × Σ rate − Σ rate × since.
	 */
	private static final class Totals {

		private double ended;

		private double settled;

		private double rate;

		private double rateTimesSince;

		synchronized void apply(SessionSpend spend, int sign) {
			double rate = spend.burnRate().doubleValue();
			this.settled += sign * spend.accrued().doubleValue();
			this.rate += sign * rate;
			this.rateTimesSince += sign * rate * (spend.since().toEpochMilli() / MILLIS_PER_HOUR);
		}

		synchronized double burnRate() {
			return Math.max(0, this.rate);
		}

		synchronized double accrued(double nowHours) {
			return Math.max(0, this.ended + this.settled + nowHours * this.rate - this.rateTimesSince);
		}

	}

}
