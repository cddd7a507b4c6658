package io.exatlas.placement;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.Offer;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.placement.PlacementAttempt.Outcome;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Placement over stateful fake clouds: capacity that runs out between plan and create, a quota used up, prices that
 * moved, an ambiguous create, nothing left, and "retry until up". Each case ends with exactly one resource on the
 * provider the plan predicted, or none and a typed error, with the attempts recorded.
 */
class PlacementTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private final FakeGpuCloud alpha = new FakeGpuCloud("alpha").region("a-east", "2.00", 1).region("a-west", "2.50", 1);

	private final FakeGpuCloud beta = new FakeGpuCloud("beta").region("b-eu", "2.20", 1);

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private final OfferCache cache = new OfferCache(OfferCacheSettings.DEFAULTS, this.clock, this.time, Runnable::run);

	private final ReactiveComputePlacement placement = new ReactiveComputePlacement(
			new DefaultReactiveExAtlas(new ComputeProviders(List.of(this.alpha, this.beta), "alpha"), this.events,
					this.clock, "atlas-"),
			new ComputeProviders(List.of(this.alpha, this.beta), "alpha"), this.cache, OfferOrder.cheapestFirst(),
			this.events, this.clock, this.time);

	private final ComputePlacement blocking = new ComputePlacement(this.placement);

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	private static ComputeRequest h100() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	private int resources() {
		return this.alpha.resources.size() + this.beta.resources.size();
	}

	private int creates() {
		return this.alpha.creates.size() + this.beta.creates.size();
	}

	private static List<String> where(PlacementPlan plan) {
		return plan.candidates()
			.stream()
			.map((planned) -> planned.offer().provider() + "/" + planned.offer().region())
			.toList();
	}

	@Test
	void theDryRunRanksCheapestFirstAndSpawnsNothing() {
		PlacementPlan plan = this.blocking.offers(h100(), PlacementPolicy.defaults());
		assertThat(where(plan)).containsExactly("alpha/a-east", "beta/b-eu", "alpha/a-west");
		assertThat(plan.candidates().get(0).pricePerHour()).isEqualByComparingTo("2.00");
		assertThat(plan.sources()).extracting(OfferSource::provider).containsExactly("alpha", "beta");
		assertThat(plan.sources()).allSatisfy((source) -> {
			assertThat(source.age()).isEqualTo(Duration.ZERO);
			assertThat(source.error()).isNull();
		});
		assertThat(plan.candidates()).allSatisfy((planned) -> assertThat(planned.offer().fetchedAt())
			.isEqualTo(this.clock.instant()));
		assertThat(creates()).isZero();
		assertThat(this.events.ofType(PlacementPlanEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.plan()).isEqualTo(plan));
	}

	@Test
	void capacityThatRanOutAfterThePlanMovesToTheNextOfferAndSkipsTheFailedOneForAWhile() {
		this.blocking.offers(h100(), PlacementPolicy.defaults());
		this.alpha.capacity.put("a-east", 0);
		Placement placed = this.blocking.place(h100(), PlacementPolicy.defaults());
		assertThat(placed.compute().provider()).isEqualTo("beta");
		assertThat(placed.compute().region()).isEqualTo("b-eu");
		assertThat(placed.offer().region()).isEqualTo("b-eu");
		assertThat(placed.attempts()).extracting(PlacementAttempt::outcome)
			.containsExactly(Outcome.NO_CAPACITY, Outcome.PLACED);
		assertThat(placed.attempts().get(0).errorReason()).isEqualTo(ErrorReason.INSUFFICIENT_CAPACITY);
		assertThat(resources()).isEqualTo(1);
		assertThat(this.cache.skipList()).singleElement().satisfies((skipped) -> {
			assertThat(skipped.provider()).isEqualTo("alpha");
			assertThat(skipped.region()).isEqualTo("a-east");
			assertThat(skipped.until()).isEqualTo(this.clock.instant().plusSeconds(60));
		});
		PlacementPlan next = this.blocking.offers(h100(), PlacementPolicy.defaults());
		assertThat(next.rejected()).singleElement()
			.satisfies((rejected) -> assertThat(rejected.reason()).isEqualTo(Rejection.RECENTLY_FAILED));
		this.time.advanceTimeBy(Duration.ofSeconds(61));
		assertThat(this.cache.skipList()).isEmpty();
		assertThat(this.blocking.offers(h100(), PlacementPolicy.defaults()).rejected()).isEmpty();
	}

	@Test
	void anOfferTakenAndAPriceThatMovedStillEndWithOneResourceWhereThePlanSaid() {
		PlacementPlan plan = this.blocking.offers(h100(), PlacementPolicy.defaults());
		this.alpha.prices.put("a-east", new BigDecimal("2.40"));
		this.alpha.failNextCreate(ErrorKind.PROVIDER, ErrorReason.INSUFFICIENT_CAPACITY, false);
		Placement placed = this.blocking.place(h100(), PlacementPolicy.defaults());
		assertThat(placed.compute().provider() + "/" + placed.compute().region()).isEqualTo(where(plan).get(1));
		assertThat(resources()).isEqualTo(1);
		this.cache.invalidate("alpha");
		this.time.advanceTimeBy(Duration.ofSeconds(61));
		Placement later = this.blocking.place(h100(), PlacementPolicy.defaults());
		assertThat(later.compute().costPerHour()).as("what the cloud charges now").isEqualByComparingTo("2.40");
		assertThat(later.offer().pricePerGpuHour()).as("the fresh offer's price").isEqualByComparingTo("2.40");
		assertThat(resources()).isEqualTo(2);
	}

	@Test
	void anAmbiguousCreateStopsPlacementSoThatThereIsNeverASecondResource() {
		this.alpha.failNextCreate(ErrorKind.TIMEOUT, null, true);
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> this.blocking.place(h100(), PlacementPolicy.defaults()))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.provider()).hasValue("alpha");
				assertThat(ex.getMessage()).contains("placement stopped at attempt 1");
				assertThat(ex.attempts()).singleElement().satisfies((attempt) -> {
					assertThat(attempt.outcome()).isEqualTo(Outcome.FAILED);
					assertThat(attempt.errorKind()).isEqualTo(ErrorKind.TIMEOUT);
				});
			});
		assertThat(creates()).isEqualTo(1);
		assertThat(resources()).isEqualTo(1);
		assertThat(this.cache.skipList()).isEmpty();
	}

	@Test
	void aQuotaUsedUpMovesPastEveryOfferOfThatProvider() {
		this.alpha.region("a-east", "2.00", 1).region("a-west", "2.10", 1);
		this.alpha.failNextCreate(ErrorKind.PROVIDER, ErrorReason.QUOTA_EXCEEDED, false);
		Placement placed = this.blocking.place(h100(), PlacementPolicy.defaults());
		assertThat(placed.compute().provider()).isEqualTo("beta");
		assertThat(placed.attempts()).extracting(PlacementAttempt::outcome)
			.containsExactly(Outcome.QUOTA_EXCEEDED, Outcome.PLACED);
		assertThat(this.alpha.creates).hasSize(1);
	}

	@Test
	void whenEveryOfferIsOutOfCapacityNothingIsCreatedAndTheAttemptsAreOnTheError() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		this.beta.capacity.replaceAll((region, left) -> 0);
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> this.blocking.place(h100(), PlacementPolicy.defaults()))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.reason()).hasValue(ErrorReason.INSUFFICIENT_CAPACITY);
				assertThat(ex.getMessage()).contains("no capacity for h100 on the 3 offers tried");
				assertThat(ex.attempts()).extracting((attempt) -> attempt.offer().region())
					.containsExactly("a-east", "b-eu", "a-west");
			});
		assertThat(resources()).isZero();
	}

	@Test
	void theAttemptsOfOnePassAreBounded() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		this.beta.capacity.replaceAll((region, left) -> 0);
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> this.blocking.place(h100(), PlacementPolicy.builder().maxAttempts(2).build()))
			.satisfies((ex) -> assertThat(ex.attempts()).hasSize(2));
		assertThat(creates()).isEqualTo(2);
	}

	@Test
	void aPolicyNothingSatisfiesFailsWithoutACreateAndSaysWhy() {
		PlacementPolicy cheap = PlacementPolicy.builder().maxPricePerHour(new BigDecimal("1.00")).build();
		assertThat(this.blocking.offers(h100(), cheap).rejected()).hasSize(3)
			.allSatisfy((rejected) -> assertThat(rejected.reason()).isEqualTo(Rejection.OVER_PRICE));
		assertThatExceptionOfType(PlacementException.class).isThrownBy(() -> this.blocking.place(h100(), cheap))
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("no offer for h100 satisfies the policy (3 offers left out");
				assertThat(ex.attempts()).isEmpty();
			});
		assertThat(creates()).isZero();
	}

	@Test
	void retryUntilUpReplansWithFreshOffersUntilCapacityAppears() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		this.beta.capacity.replaceAll((region, left) -> 0);
		PlacementPolicy patient = PlacementPolicy.builder()
			.retryUntilUp(Duration.ofMinutes(5))
			.retryInterval(Duration.ofSeconds(30))
			.build();
		CompletableFuture<Placement> placed = this.placement.place(h100(), patient).toFuture();
		assertThat(placed).isNotDone();
		int fetches = this.beta.offerFetches.get();
		this.beta.capacity.put("b-eu", 1);
		this.time.advanceTimeBy(Duration.ofSeconds(30));
		assertThat(placed).isCompleted();
		Placement result = placed.join();
		assertThat(result.compute().provider()).isEqualTo("beta");
		assertThat(result.attempts()).extracting(PlacementAttempt::outcome)
			.containsExactly(Outcome.NO_CAPACITY, Outcome.NO_CAPACITY, Outcome.NO_CAPACITY, Outcome.NO_CAPACITY,
					Outcome.PLACED);
		assertThat(this.beta.offerFetches.get()).as("the second pass read fresh offers").isEqualTo(fetches + 1);
		assertThat(resources()).isEqualTo(1);
	}

	@Test
	void retryUntilUpGivesUpAtItsDeadline() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		this.beta.capacity.replaceAll((region, left) -> 0);
		PlacementPolicy patient = PlacementPolicy.builder()
			.retryUntilUp(Duration.ofMinutes(2))
			.retryInterval(Duration.ofSeconds(30))
			.build();
		CompletableFuture<Placement> placed = this.placement.place(h100(), patient).toFuture();
		this.time.advanceTimeBy(Duration.ofMinutes(2));
		assertThat(placed).isCompletedExceptionally();
		assertThatExceptionOfType(Exception.class).isThrownBy(placed::join)
			.havingCause()
			.isInstanceOfSatisfying(PlacementException.class, (ex) -> {
				assertThat(ex.getMessage()).contains("until the retry deadline");
				assertThat(ex.attempts()).hasSize(12);
			});
		assertThat(resources()).isZero();
	}

	@Test
	void eachAttemptIsOneEventInOrderAfterThePlan() {
		this.alpha.capacity.put("a-east", 0);
		this.blocking.place(h100(), PlacementPolicy.defaults());
		assertThat(this.events.ofType(PlacementPlanEvent.class)).hasSize(1);
		assertThat(this.events.ofType(PlacementAttemptEvent.class)).satisfiesExactly((first) -> {
			assertThat(first.attempt().number()).isEqualTo(1);
			assertThat(first.attempt().offer().provider()).isEqualTo("alpha");
			assertThat(first.attempt().outcome()).isEqualTo(Outcome.NO_CAPACITY);
			assertThat(first.attempt().errorKind()).isEqualTo(ErrorKind.PROVIDER);
			assertThat(first.pricePerHour()).isEqualByComparingTo("2.00");
		}, (second) -> {
			assertThat(second.attempt().number()).isEqualTo(2);
			assertThat(second.attempt().outcome()).isEqualTo(Outcome.PLACED);
			assertThat(second.attempt().errorKind()).isNull();
		});
	}

	@Test
	void aCallerThatGivesUpEndsTheRunningAttemptOnceAsCancelled() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		this.beta.capacity.replaceAll((region, left) -> 0);
		Disposable running = this.placement
			.place(h100(), PlacementPolicy.builder().retryUntilUp(Duration.ofMinutes(5)).build())
			.subscribe();
		running.dispose();
		assertThat(this.events.ofType(PlacementAttemptEvent.class)).hasSize(3)
			.allSatisfy((event) -> assertThat(event.attempt().outcome()).isEqualTo(Outcome.NO_CAPACITY));
		this.time.advanceTimeBy(Duration.ofMinutes(5));
		assertThat(creates()).as("the pause was cancelled with the placement").isEqualTo(3);
	}

	@Test
	void aRequestWithoutAGpuOrAnUnknownProviderIsRefusedBeforeAnything() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.blocking.place(ComputeRequest.builder().image("busybox").build(),
					PlacementPolicy.defaults()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.blocking.offers(h100(), PlacementPolicy.builder().providers("gamma").build()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
		assertThat(this.alpha.offerFetches.get() + this.beta.offerFetches.get()).isZero();
	}

	@Test
	void aProviderWithoutCredentialsIsNotAskedAndTheSourceSaysSo() {
		this.alpha.unconfigured();
		PlacementPlan plan = this.blocking.offers(h100(), PlacementPolicy.defaults());
		assertThat(where(plan)).containsExactly("beta/b-eu");
		assertThat(plan.sources()).filteredOn((source) -> source.provider().equals("alpha"))
			.singleElement()
			.satisfies((source) -> assertThat(source.error()).isEqualTo(ErrorKind.UNAUTHORIZED));
		assertThat(this.alpha.offerFetches).hasValue(0);
	}

	@Test
	void theChosenOfferIsTheOneThePlanRankedFirstWithItsRegionTierAndSpotFlag() {
		Placement placed = this.blocking.place(h100(), PlacementPolicy.defaults());
		ComputeRequest sent = this.alpha.creates.get(0);
		Offer chosen = placed.offer();
		assertThat(sent.regionHints()).containsExactly(chosen.region());
		assertThat(sent.cloudType()).isEqualTo(chosen.cloudType());
		assertThat(sent.spot()).isEqualTo(chosen.spot());
		assertThat(sent.name()).startsWith("atlas-");
		assertThat(placed.compute().status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(Stream.of(placed.plan().candidates().get(0).offer())).containsExactly(chosen);
	}

}
