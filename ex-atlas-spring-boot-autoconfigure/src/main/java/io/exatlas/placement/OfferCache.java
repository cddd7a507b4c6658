package io.exatlas.placement;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import com.github.benmanes.caffeine.cache.AsyncCacheLoader;
import com.github.benmanes.caffeine.cache.AsyncLoadingCache;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * The offers of every provider, cached so that placement never stampedes a cloud: per provider one Caffeine
 * {@link AsyncLoadingCache} entry, so concurrent reads of a cold cache share one fetch; after the TTL a read answers
 * the cached offers and refreshes them in the background, one refresh at a time (stale-while-revalidate); a fetch
 * is capped; a failed refresh keeps the last good offers, marked with the failure and shown with their age (fail
 * open), until they are older than {@code maxStale}. A provider without an offer listing ({@code UNSUPPORTED}) has no
 * offers. Next to it, a skip list of (provider, region, GPU) that just failed for capacity.
 */
public final class OfferCache {

	private final OfferCacheSettings settings;

	private final Clock clock;

	private final Ticker ticker;

	private final Scheduler timer;

	private final Executor executor;

	private final ConcurrentMap<String, ProviderOffers> byProvider = new ConcurrentHashMap<>();

	private final Cache<SkipKey, Instant> skipped;

	/**
	 * Create the cache.
	 * @param settings how it behaves
	 * @param clock measures ages, TTLs and the skip list
	 * @param timer runs the fetch cap
	 * @param executor runs Caffeine's maintenance and background refreshes (their fetches are non-blocking)
	 */
	public OfferCache(OfferCacheSettings settings, Clock clock, Scheduler timer, Executor executor) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
		this.timer = Objects.requireNonNull(timer, "timer");
		this.executor = Objects.requireNonNull(executor, "executor");
		this.skipped = Caffeine.newBuilder()
			.maximumSize(10_000)
			.expireAfterWrite(settings.skipTtl())
			.ticker(this.ticker)
			.executor(executor)
			.build();
	}

	/**
	 * The provider's offers: cached ones when fresh, else after one shared fetch; stale ones while a background
	 * refresh runs.
	 * @param provider the provider
	 * @return the snapshot; the fetch's error when there never was a good one, or when the last good one is older
	 * than {@code maxStale}
	 */
	public Mono<OfferSnapshot> snapshot(ComputeProvider provider) {
		return Mono.defer(() -> {
			ProviderOffers offers = this.byProvider.computeIfAbsent(provider.id(),
					(id) -> new ProviderOffers(provider));
			return offers.read();
		}).flatMap((snapshot) -> {
			Duration age = snapshot.age(this.clock.instant());
			if (snapshot.refreshError() != null && age.compareTo(this.settings.maxStale()) > 0) {
				return Mono.error(ExAtlasException.builder(snapshot.refreshError())
					.provider(snapshot.provider())
					.message("the last good offers are " + age.toSeconds() + " s old (more than "
							+ this.settings.maxStale() + ") and every refresh since failed")
					.build());
			}
			return Mono.just(snapshot);
		});
	}

	/**
	 * Drop a provider's cached offers: the next read fetches.
	 * @param provider the provider id
	 */
	public void invalidate(String provider) {
		ProviderOffers offers = this.byProvider.get(provider);
		if (offers != null) {
			offers.cache.synchronous().invalidateAll();
		}
	}

	/**
	 * Leave a (provider, region, GPU) out of plans for the skip TTL.
	 * @param offer the offer whose create just failed for capacity
	 */
	public void skip(Offer offer) {
		this.skipped.put(SkipKey.of(offer), this.clock.instant().plus(this.settings.skipTtl()));
	}

	/**
	 * Whether an offer's (provider, region, GPU) is on the skip list.
	 * @param offer the offer
	 * @return whether it is skipped
	 */
	public boolean isSkipped(Offer offer) {
		return this.skipped.getIfPresent(SkipKey.of(offer)) != null;
	}

	/**
	 * Forget the skip list: every offer is planned again (after a cloud announced new capacity, say).
	 */
	public void clearSkipList() {
		this.skipped.invalidateAll();
	}

	/**
	 * The skip list, soonest to end first.
	 * @return the entries
	 */
	public List<SkippedOffer> skipList() {
		List<SkippedOffer> entries = new ArrayList<>();
		this.skipped.asMap()
			.forEach((key, until) -> entries.add(new SkippedOffer(key.provider(), key.region(), key.gpu(), until)));
		entries.sort(Comparator.comparing(SkippedOffer::until).thenComparing(SkippedOffer::provider));
		return entries;
	}

	/**
	 * What the cache holds per provider, by provider id.
	 * @return the statuses
	 */
	public List<OfferCacheStatus> status() {
		Instant now = this.clock.instant();
		return this.byProvider.values()
			.stream()
			.map((offers) -> offers.status(now))
			.sorted(Comparator.comparing(OfferCacheStatus::provider))
			.toList();
	}

	/**
	 * The settings.
	 * @return the settings
	 */
	public OfferCacheSettings settings() {
		return this.settings;
	}

	private Mono<OfferSnapshot> fetch(ComputeProvider provider) {
		return provider.listOffers(ProviderContext.defaults())
			.collectList()
			.timeout(this.settings.fetchTimeout(), this.timer)
			.map((offers) -> {
				Instant now = this.clock.instant();
				return new OfferSnapshot(provider.id(), offers.stream().map((offer) -> offer.fetchedAt(now)).toList(),
						now, null);
			})
			.onErrorResume((ex) -> ex instanceof ExAtlasException atlas && atlas.kind() == ErrorKind.UNSUPPORTED,
					(ex) -> Mono.just(new OfferSnapshot(provider.id(), List.of(), this.clock.instant(),
							ErrorKind.UNSUPPORTED)))
			.onErrorMap(TimeoutException.class, (ex) -> ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider(provider.id())
				.message("listing offers took longer than " + this.settings.fetchTimeout())
				.build());
	}

	private static ErrorKind kindOf(Throwable ex) {
		return (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
	}

	/** One provider's cache entry and its figures. */
	private final class ProviderOffers {

		private final String provider;

		private final AsyncLoadingCache<String, OfferSnapshot> cache;

		private final LongAdder requests = new LongAdder();

		private final LongAdder hits = new LongAdder();

		private final LongAdder fetches = new LongAdder();

		ProviderOffers(ComputeProvider provider) {
			this.provider = provider.id();
			this.cache = Caffeine.newBuilder()
				.refreshAfterWrite(OfferCache.this.settings.ttl(provider.id()))
				.ticker(OfferCache.this.ticker)
				.executor(OfferCache.this.executor)
				.buildAsync(new AsyncCacheLoader<String, OfferSnapshot>() {

					@Override
					public CompletableFuture<OfferSnapshot> asyncLoad(String key, Executor executor) {
						ProviderOffers.this.fetches.increment();
						return fetch(provider).toFuture();
					}

					@Override
					public CompletableFuture<OfferSnapshot> asyncReload(String key, OfferSnapshot oldValue,
							Executor executor) {
						ProviderOffers.this.fetches.increment();
						return fetch(provider).onErrorResume((ex) -> Mono.just(oldValue.withRefreshError(kindOf(ex))))
							.toFuture();
					}

				});
		}

		Mono<OfferSnapshot> read() {
			this.requests.increment();
			CompletableFuture<OfferSnapshot> present = this.cache.getIfPresent(this.provider);
			if (present != null && present.isDone() && !present.isCompletedExceptionally()) {
				this.hits.increment();
			}
			CompletableFuture<OfferSnapshot> future = (present != null) ? present : this.cache.get(this.provider);
			return Mono.fromFuture(future, true);
		}

		OfferCacheStatus status(Instant now) {
			CompletableFuture<OfferSnapshot> current = this.cache.getIfPresent(this.provider);
			OfferSnapshot snapshot = (current != null && current.isDone() && !current.isCompletedExceptionally())
					? current.join() : null;
			long reads = this.requests.sum();
			return new OfferCacheStatus(this.provider, (snapshot != null) ? snapshot.offers().size() : 0,
					(snapshot != null) ? snapshot.fetchedAt() : null, (snapshot != null) ? snapshot.age(now) : null,
					(snapshot != null) ? snapshot.refreshError() : null, reads,
					(reads > 0) ? (double) this.hits.sum() / reads : null, this.fetches.sum());
		}

	}

	private record SkipKey(String provider, @Nullable String region, String gpu) {

		static SkipKey of(Offer offer) {
			return new SkipKey(offer.provider(), offer.region(), (offer.gpu() != null) ? offer.gpu() : offer.nativeGpuId());
		}

	}

}
