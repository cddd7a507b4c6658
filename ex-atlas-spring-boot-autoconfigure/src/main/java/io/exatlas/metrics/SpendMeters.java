package io.exatlas.metrics;

import java.util.Collection;
import java.util.List;

import io.exatlas.spend.OwnedSpend;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * The spend of the sessions this instance owns, per provider (never per user: user ids are unbounded):
 * {@code exatlas.spend.burn.rate} (gauge, USD per hour) and {@code exatlas.spend.accrued} (counter, USD, ended
 * sessions included). Both are read from constant-time totals at each scrape. Summed over instances they are the
 * fleet's figures; per-user figures are in the {@code computesessions} endpoint.
 */
public class SpendMeters implements MeterBinder {

	/** The burn-rate gauge's name. */
	public static final String BURN_RATE = "exatlas.spend.burn.rate";

	/** The accrued-spend counter's name. */
	public static final String ACCRUED = "exatlas.spend.accrued";

	private final OwnedSpend owned;

	private final List<String> providers;

	/**
	 * Create the binder.
	 * @param owned the totals
	 * @param providers the provider ids to publish a series for
	 */
	public SpendMeters(OwnedSpend owned, Collection<String> providers) {
		this.owned = owned;
		this.providers = List.copyOf(providers);
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (String provider : this.providers) {
			Gauge.builder(BURN_RATE, this.owned, (totals) -> totals.burnRate(provider))
				.description("What the sessions owned by this instance cost now, in USD per hour")
				.baseUnit("usd.per.hour")
				.tag("provider", provider)
				.register(registry);
			FunctionCounter.builder(ACCRUED, this.owned, (totals) -> totals.accrued(provider))
				.description("What the sessions owned by this instance have cost, in USD")
				.baseUnit("usd")
				.tag("provider", provider)
				.register(registry);
		}
	}

}
