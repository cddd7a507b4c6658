package io.exatlas.fly.tokens;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Counts token acquisitions per app by source and acquirer, and remembers each app's last acquisition and last
 * failure. Recording allocates nothing once an app has been seen.
 */
public final class FlyTokenStatistics {

	private static final int HIT = index(TokenSource.CACHE, TokenAcquirer.FACADE);

	private final ConcurrentMap<String, AppCounters> apps = new ConcurrentHashMap<>();

	private final List<Consumer<String>> newAppListeners = new CopyOnWriteArrayList<>();

	void recordAcquired(String app, TokenSource source, TokenAcquirer acquirer, long epochMillis) {
		AppCounters counters = counters(app);
		counters.counts[index(source, acquirer)].increment();
		counters.lastSource = source;
		counters.lastAcquiredAt = epochMillis;
	}

	/**
	 * The counter of an app's fast-path hits ({@code CACHE}/{@code FACADE}), which the cache entry carries so that a
	 * hit costs one increment and no lookup or clock read ({@code lastAcquiredAt} is the chain's last acquisition).
	 * @param app the app
	 * @return the counter
	 */
	LongAdder hitCounter(String app) {
		return counters(app).counts[HIT];
	}

	void recordFailure(String app, String kind, long epochMillis) {
		AppCounters counters = counters(app);
		counters.lastFailure = new Failure(kind, Instant.ofEpochMilli(epochMillis));
	}

	/**
	 * Statistics of every app seen so far.
	 * @return app name → statistics, sorted by name
	 */
	public Map<String, AppStatistics> apps() {
		Map<String, AppStatistics> result = new TreeMap<>();
		this.apps.forEach((app, counters) -> result.put(app, counters.snapshot()));
		return Collections.unmodifiableMap(result);
	}

	/**
	 * Statistics summed over every app.
	 * @return the totals (no last acquisition or failure)
	 */
	public AppStatistics total() {
		long[] sums = new long[TokenSource.values().length * TokenAcquirer.values().length];
		this.apps.values().forEach((counters) -> {
			for (int i = 0; i < sums.length; i++) {
				sums[i] += counters.counts[i].sum();
			}
		});
		return AppStatistics.of(sums, null, null, null);
	}

	/**
	 * Acquisitions of one source and acquirer, summed over every app: what a meter reads at each scrape, so that
	 * counting costs the hot path nothing more than the statistics' own increment.
	 * @param source the source
	 * @param acquirer the acquirer
	 * @return the count
	 */
	public long count(TokenSource source, TokenAcquirer acquirer) {
		long sum = 0;
		for (AppCounters counters : this.apps.values()) {
			sum += counters.counts[index(source, acquirer)].sum();
		}
		return sum;
	}

	/**
	 * Acquisitions of one app, source and acquirer.
	 * @param app the app
	 * @param source the source
	 * @param acquirer the acquirer
	 * @return the count, 0 for an app never seen
	 */
	public long count(String app, TokenSource source, TokenAcquirer acquirer) {
		AppCounters counters = this.apps.get(app);
		return (counters != null) ? counters.counts[index(source, acquirer)].sum() : 0;
	}

	/**
	 * Be told of each app the first time it is counted (and of every app seen so far, at once), e.g. to register
	 * per-app meters.
	 * @param listener called with the app name, on the counting thread; must be quick and must not throw
	 */
	public void onNewApp(Consumer<String> listener) {
		this.newAppListeners.add(listener);
		this.apps.keySet().forEach(listener);
	}

	private AppCounters counters(String app) {
		AppCounters counters = this.apps.get(app);
		if (counters != null) {
			return counters;
		}
		boolean[] created = new boolean[1];
		counters = this.apps.computeIfAbsent(app, (key) -> {
			created[0] = true;
			return new AppCounters();
		});
		if (created[0]) {
			this.newAppListeners.forEach((listener) -> listener.accept(app));
		}
		return counters;
	}

	private static int index(TokenSource source, TokenAcquirer acquirer) {
		return source.ordinal() * TokenAcquirer.values().length + acquirer.ordinal();
	}

	private static final class AppCounters {

		private final LongAdder[] counts = new LongAdder[TokenSource.values().length * TokenAcquirer.values().length];

		private volatile long lastAcquiredAt = -1;

		private volatile @Nullable TokenSource lastSource;

		private volatile @Nullable Failure lastFailure;

		AppCounters() {
			for (int i = 0; i < this.counts.length; i++) {
				this.counts[i] = new LongAdder();
			}
		}

		AppStatistics snapshot() {
			long[] values = new long[this.counts.length];
			for (int i = 0; i < values.length; i++) {
				values[i] = this.counts[i].sum();
			}
			long last = this.lastAcquiredAt;
			return AppStatistics.of(values, (last >= 0) ? Instant.ofEpochMilli(last) : null, this.lastSource,
					this.lastFailure);
		}

	}

	/**
	 * The last failed acquisition of an app.
	 *
	 * @param kind the failure's kind (never a message)
	 * @param at when it happened
	 */
	public record Failure(String kind, Instant at) {
	}

	/**
	 * Acquisition statistics.
	 *
	 * @param acquisitions total acquisitions (successful or not)
	 * @param counts acquisitions by source, then by acquirer (non-zero entries only)
	 * @param fastPathHitRatio share of acquisitions served by the fast path ({@code CACHE}/{@code FACADE})
	 * @param lastAcquiredAt when the chain last acquired a token, if ever (cache hits are counted, not timestamped)
	 * @param lastSource where the chain's last acquisition came from, if ever
	 * @param lastFailure the last failure, if any
	 */
	public record AppStatistics(long acquisitions, Map<TokenSource, Map<TokenAcquirer, Long>> counts,
			double fastPathHitRatio, @Nullable Instant lastAcquiredAt, @Nullable TokenSource lastSource,
			@Nullable Failure lastFailure) {

		/**
		 * Whether the app's last resolution found no token anywhere ({@code NONE}) after its last acquisition.
		 * @return whether it has no token now
		 */
		public boolean withoutToken() {
			Failure failure = this.lastFailure;
			return failure != null && TokenSource.NONE.name().equals(failure.kind())
					&& (this.lastAcquiredAt == null || !failure.at().isBefore(this.lastAcquiredAt));
		}

		static AppStatistics of(long[] values, @Nullable Instant lastAcquiredAt, @Nullable TokenSource lastSource,
				@Nullable Failure lastFailure) {
			Map<TokenSource, Map<TokenAcquirer, Long>> counts = new EnumMap<>(TokenSource.class);
			long total = 0;
			for (TokenSource source : TokenSource.values()) {
				for (TokenAcquirer acquirer : TokenAcquirer.values()) {
					long value = values[index(source, acquirer)];
					total += value;
					if (value > 0) {
						counts.computeIfAbsent(source, (key) -> new LinkedHashMap<>()).put(acquirer, value);
					}
				}
			}
			long fastPath = values[index(TokenSource.CACHE, TokenAcquirer.FACADE)];
			return new AppStatistics(total, counts, (total > 0) ? (double) fastPath / total : 0.0, lastAcquiredAt,
					lastSource, lastFailure);
		}

	}

}
