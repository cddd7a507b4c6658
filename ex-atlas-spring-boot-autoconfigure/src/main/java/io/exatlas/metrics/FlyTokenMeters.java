package io.exatlas.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.exatlas.fly.tokens.FlyTokenStatistics;
import io.exatlas.fly.tokens.TokenAcquirer;
import io.exatlas.fly.tokens.TokenSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * {@code exatlas.fly.token.acquisitions}: Fly token acquisitions by source and acquirer, counted by the token
 * statistics (exact) and read at each scrape, so that a cache hit costs the application nothing for the meter: no
 * event, no clock read, no timer update. With {@code exatlas.metrics.include-app-tag=true} each app gets its own series
 * once it is first counted. How long resolutions take is the {@code exatlas.fly.token.resolution} observation's
 * timer; a cache hit takes nanoseconds and is not timed.
 */
public class FlyTokenMeters implements MeterBinder {

	/** The meter's name. */
	public static final String NAME = "exatlas.fly.token.acquisitions";

	private final FlyTokenStatistics statistics;

	private final boolean includeAppTag;

	/**
	 * Create the binder.
	 * @param statistics the token manager's statistics
	 * @param includeAppTag whether each app gets its own series
	 */
	public FlyTokenMeters(FlyTokenStatistics statistics, boolean includeAppTag) {
		this.statistics = statistics;
		this.includeAppTag = includeAppTag;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		if (!this.includeAppTag) {
			for (Pair pair : PAIRS) {
				FunctionCounter.builder(NAME, this.statistics, (stats) -> stats.count(pair.source(), pair.acquirer()))
					.description("Fly token acquisitions by where the token came from")
					.tags(pair.tags())
					.register(registry);
			}
			return;
		}
		this.statistics.onNewApp((app) -> {
			for (Pair pair : PAIRS) {
				FunctionCounter
					.builder(NAME, this.statistics, (stats) -> stats.count(app, pair.source(), pair.acquirer()))
					.description("Fly token acquisitions by where the token came from")
					.tags(pair.tags().and("app", app))
					.register(registry);
			}
		});
	}

	/** The source and acquirer pairs that occur: the fast path, and every source through the app's resolver. */
	private static final List<Pair> PAIRS = pairs();

	private static List<Pair> pairs() {
		List<Pair> pairs = new ArrayList<>();
		pairs.add(new Pair(TokenSource.CACHE, TokenAcquirer.FACADE));
		for (TokenSource source : TokenSource.values()) {
			pairs.add(new Pair(source, TokenAcquirer.APP_SERVER));
		}
		return List.copyOf(pairs);
	}

	private record Pair(TokenSource source, TokenAcquirer acquirer) {

		Tags tags() {
			return Tags.of("source", this.source.name().toLowerCase(Locale.ROOT), "acquirer",
					this.acquirer.name().toLowerCase(Locale.ROOT));
		}

	}

}
