package io.exatlas.placement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.fake.FakeGpuCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The offer cache never stampedes a cloud: a cold cache under 1,000 concurrent reads fetches once per provider; a
 * stale entry is answered while one refresh runs; a failed refresh keeps the last good offers with their age and the
 * failure, until they are too old; a fetch is capped; the skip list expires.
 */
class OfferCacheTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private final OfferCacheSettings settings = new OfferCacheSettings(Duration.ofSeconds(180),
			Map.of("slow", Duration.ofSeconds(600)), Duration.ofSeconds(8), Duration.ofHours(1), Duration.ofSeconds(60));

	private final OfferCache cache = new OfferCache(this.settings, this.clock, this.time, Runnable::run);

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	@Test
	void aThousandConcurrentReadsOfAColdCacheFetchOncePerProvider() {
		Scripted alpha = new Scripted("alpha");
		Scripted beta = new Scripted("beta");
		Sinks.One<Boolean> gate = Sinks.one();
		alpha.next.set(gate.asMono().thenMany(Flux.just(offer("alpha", "2.00"))));
		beta.next.set(gate.asMono().thenMany(Flux.just(offer("beta", "3.00"))));
		List<OfferSnapshot> snapshots = Flux.range(0, 1000)
			.flatMap((i) -> this.cache.snapshot((i % 2 == 0) ? alpha : beta).subscribeOn(Schedulers.parallel()), 1000)
			.doOnSubscribe((subscription) -> Schedulers.parallel()
				.schedule(() -> gate.tryEmitValue(true), 200, java.util.concurrent.TimeUnit.MILLISECONDS))
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(snapshots).hasSize(1000);
		assertThat(alpha.fetches).hasValue(1);
		assertThat(beta.fetches).hasValue(1);
		assertThat(snapshots.stream().filter((snapshot) -> snapshot.provider().equals("alpha")).distinct()).hasSize(1);
	}

	@Test
	void aStaleEntryIsAnsweredWhileOneBackgroundRefreshRuns() {
		Scripted alpha = new Scripted("alpha");
		alpha.next.set(Flux.just(offer("alpha", "2.00")));
		OfferSnapshot first = this.cache.snapshot(alpha).block();
		Instant fetched = this.clock.instant();
		this.time.advanceTimeBy(Duration.ofSeconds(181));
		Sinks.One<Boolean> gate = Sinks.one();
		alpha.next.set(gate.asMono().thenMany(Flux.just(offer("alpha", "2.50"))));
		assertThat(this.cache.snapshot(alpha).block()).as("stale, at once").isEqualTo(first);
		assertThat(this.cache.snapshot(alpha).block()).isEqualTo(first);
		assertThat(alpha.fetches).as("one refresh in flight").hasValue(2);
		gate.tryEmitValue(true);
		OfferSnapshot refreshed = this.cache.snapshot(alpha).block();
		assertThat(refreshed.offers()).singleElement()
			.satisfies((offer) -> assertThat(offer.pricePerGpuHour()).isEqualByComparingTo("2.50"));
		assertThat(refreshed.fetchedAt()).isAfter(fetched);
		assertThat(alpha.fetches).hasValue(2);
	}

	@Test
	void eachProviderRefreshesOnItsOwnTtl() {
		Scripted slow = new Scripted("slow");
		slow.next.set(Flux.just(offer("slow", "1.00")));
		this.cache.snapshot(slow).block();
		this.time.advanceTimeBy(Duration.ofSeconds(300));
		this.cache.snapshot(slow).block();
		assertThat(slow.fetches).as("600 s for this provider").hasValue(1);
		this.time.advanceTimeBy(Duration.ofSeconds(301));
		this.cache.snapshot(slow).block();
		assertThat(slow.fetches).hasValue(2);
	}

	@Test
	void aFailedRefreshKeepsTheLastGoodOffersWithTheirAgeUntilTheyAreTooOld() {
		Scripted alpha = new Scripted("alpha");
		alpha.next.set(Flux.just(offer("alpha", "2.00")));
		OfferSnapshot good = this.cache.snapshot(alpha).block();
		alpha.next.set(Flux.error(ExAtlasException.builder(ErrorKind.PROVIDER).provider("alpha").message("503").build()));
		this.time.advanceTimeBy(Duration.ofSeconds(200));
		this.cache.snapshot(alpha).block();
		OfferSnapshot failOpen = this.cache.snapshot(alpha).block();
		assertThat(failOpen.offers()).isEqualTo(good.offers());
		assertThat(failOpen.refreshError()).isEqualTo(ErrorKind.PROVIDER);
		assertThat(failOpen.age(this.clock.instant())).isEqualTo(Duration.ofSeconds(200));
		assertThat(this.cache.status()).singleElement().satisfies((status) -> {
			assertThat(status.provider()).isEqualTo("alpha");
			assertThat(status.offers()).isEqualTo(1);
			assertThat(status.age()).isEqualTo(Duration.ofSeconds(200));
			assertThat(status.refreshError()).isEqualTo(ErrorKind.PROVIDER);
			assertThat(status.requests()).isEqualTo(3);
			assertThat(status.hitRate()).isEqualTo(2.0 / 3);
		});
		this.time.advanceTimeBy(Duration.ofHours(1));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.cache.snapshot(alpha).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.getMessage()).contains("every refresh since failed");
			});
	}

	@Test
	void aFetchIsCappedAndAFailedFirstFetchIsNotCached() {
		Scripted alpha = new Scripted("alpha");
		alpha.next.set(Flux.never());
		java.util.concurrent.CompletableFuture<OfferSnapshot> waiting = this.cache.snapshot(alpha).toFuture();
		this.time.advanceTimeBy(Duration.ofSeconds(8));
		assertThat(waiting).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(waiting::join)
			.havingCause()
			.isInstanceOfSatisfying(ExAtlasException.class, (ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.getMessage()).contains("listing offers took longer than PT8S");
			});
		alpha.next.set(Flux.just(offer("alpha", "2.00")));
		assertThat(this.cache.snapshot(alpha).block().offers()).hasSize(1);
		assertThat(alpha.fetches).hasValue(2);
	}

	@Test
	void aProviderWithoutOffersHasNoneAndIsNotAskedAgainBeforeItsTtl() {
		Scripted fly = new Scripted("fly");
		fly.next.set(Flux.error(ExAtlasException.unsupported("fly", "listGpuTypes")));
		OfferSnapshot none = this.cache.snapshot(fly).block();
		assertThat(none.offers()).isEmpty();
		assertThat(none.refreshError()).isEqualTo(ErrorKind.UNSUPPORTED);
		this.cache.snapshot(fly).block();
		assertThat(fly.fetches).hasValue(1);
	}

	@Test
	void theSkipListForgetsAnEntryAfterItsTtl() {
		Offer offer = offer("alpha", "2.00");
		this.cache.skip(offer);
		assertThat(this.cache.isSkipped(offer)).isTrue();
		assertThat(this.cache.isSkipped(new Offer("alpha", "h100", "alpha-h100", null, "elsewhere", CloudType.ANY,
				false, BigDecimal.ONE, GpuAvailability.HIGH, null))).isFalse();
		this.time.advanceTimeBy(Duration.ofSeconds(60));
		assertThat(this.cache.isSkipped(offer)).isFalse();
		assertThat(this.cache.skipList()).isEmpty();
		this.cache.skip(offer);
		this.cache.clearSkipList();
		assertThat(this.cache.isSkipped(offer)).as("cleared by hand").isFalse();
	}

	private static Offer offer(String provider, String price) {
		return new Offer(provider, "h100", provider + "-h100", null, "r1", CloudType.ANY, false, new BigDecimal(price),
				GpuAvailability.HIGH, null);
	}

	/** A cloud whose next offer listing the test sets, counting listings. */
	private static final class Scripted extends FakeGpuCloud {

		final AtomicReference<Flux<Offer>> next = new AtomicReference<>(Flux.empty());

		final AtomicInteger fetches = this.offerFetches;

		Scripted(String id) {
			super(id);
		}

		@Override
		public Flux<Offer> listOffers(ProviderContext context) {
			return Flux.defer(() -> {
				this.fetches.incrementAndGet();
				return this.next.get();
			});
		}

	}

}
