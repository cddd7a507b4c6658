package io.exatlas.orchestrator;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.metrics.SpendMeters;
import io.exatlas.spend.BillingPeriod;
import io.exatlas.spend.Budget;
import io.exatlas.spend.BudgetPolicy;
import io.exatlas.spend.BurnRateCapPolicy;
import io.exatlas.spend.InMemorySpendLedger;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendScope;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spend accounting on the virtual clock: a session is billed at the price the provider reported at spawn, a reported
 * change settles what the old price accrued and bills at the new one, a stopped resource bills nothing, the end
 * settles the rest; the ledger splits spend across calendar days; budgets and burn-rate caps refuse spawns before
 * anything reaches the cloud; the meters follow.
 */
class SessionSpendTests {

	private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

	private static final LocalDate DAY = LocalDate.ofInstant(START, ZoneOffset.UTC);

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	private final InMemorySpendLedger ledger = new InMemorySpendLedger(62);

	private final SpendAccounting accounting = new SpendAccounting(this.ledger, this.fixture.registry::spending,
			ZoneOffset.UTC, this.fixture.clock);

	private ComputeOrchestrator orchestrator;

	@AfterEach
	void dispose() {
		if (this.orchestrator != null) {
			this.orchestrator.stop();
		}
		this.fixture.dispose();
	}

	private ComputeOrchestrator orchestrator(AdmissionControl admission) {
		this.fixture.mock.offers(List.of(new Offer("mock", "h100", "mock-h100", null, "eu", CloudType.SECURE, false,
				new BigDecimal("2.00"), GpuAvailability.HIGH, null)));
		this.orchestrator = this.fixture.orchestrator(
				OrchestratorFixture.settings(Duration.ofHours(48), Duration.ZERO, ShutdownPolicy.TERMINATE),
				new SessionServices(null, null, admission).withSpend(this.accounting));
		return this.orchestrator;
	}

	private ComputeOrchestrator orchestrator() {
		return orchestrator(AdmissionControl.NONE);
	}

	private static ComputeRequest h100s(int count) {
		return ComputeRequest.builder().gpu("h100").gpuCount(count).image("vllm/vllm-openai").build();
	}

	private BigDecimal accrued(String id) {
		return this.orchestrator.get(id).orElseThrow().spend().accruedAt(this.fixture.clock.instant());
	}

	@Test
	void aSessionIsBilledAtItsSpawnPriceThenAtAReportedChangeAndItsEndSettlesTheRest() {
		ComputeOrchestrator orchestrator = orchestrator();
		String id = orchestrator.spawn(h100s(2), SessionOptions.forUser("alice")).id();
		assertThat(orchestrator.get(id).orElseThrow().spend().pricePerHour()).isEqualByComparingTo("4.00");
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(accrued(id)).isEqualByComparingTo("2.00");
		assertThat(this.ledger.total(SpendScope.all(), DAY, DAY)).as("nothing settled yet")
			.isEqualByComparingTo("0");
		assertThat(this.accounting.spent(SpendScope.user("alice"), BillingPeriod.DAY)).as("live part counts")
			.isEqualByComparingTo("2.00");

		this.fixture.mock.reprice(id, new BigDecimal("8.00"));
		assertThat(orchestrator.refresh(id).spend().pricePerHour()).isEqualByComparingTo("8.00");
		assertThat(this.ledger.total(SpendScope.user("alice"), DAY, DAY)).as("settled at change")
			.isEqualByComparingTo("2.00");
		assertThat(orchestrator.priceReported(id, new BigDecimal("8.0"))).as("the same price changes nothing")
			.isFalse();
		this.fixture.advance(Duration.ofMinutes(15));
		assertThat(accrued(id)).isEqualByComparingTo("4.00");
		assertThat(this.accounting.burnRate(SpendScope.provider("mock"))).isEqualByComparingTo("8.00");

		orchestrator.stopTracked(id);
		assertThat(this.ledger.total(SpendScope.all(), DAY, DAY)).isEqualByComparingTo("4.00");
		assertThat(this.ledger.total(SpendScope.provider("mock"), DAY, DAY))
			.isEqualByComparingTo("4.00");
		assertThat(this.accounting.burnRate(SpendScope.all())).isEqualByComparingTo("0");
		List<ComputeSessionEvent> events = this.fixture.events.ofType(ComputeSessionEvent.class);
		assertThat(events).extracting(OrchestratorFixture::describe)
			.containsExactly("STATUS RUNNING", "PRICE_CHANGED 8.00", "TERMINATING STOPPED", "STATUS TERMINATED");
		assertThat(events).extracting(ComputeSessionEvent::accrued)
			.usingElementComparator(BigDecimal::compareTo)
			.containsExactly(new BigDecimal("0"), new BigDecimal("2.00"), new BigDecimal("4.00"),
					new BigDecimal("4.00"));
		this.fixture.advance(Duration.ofHours(1));
		assertThat(this.accounting.spent(SpendScope.all(), BillingPeriod.DAY)).as("nothing accrues after the end")
			.isEqualByComparingTo("4.00");
	}

	@Test
	void spendAcrossMidnightIsSplitBetweenTheDaysAndTheMonth() {
		ComputeOrchestrator orchestrator = orchestrator();
		this.fixture.advance(Duration.ofHours(11).plusMinutes(30));
		String id = orchestrator.spawn(h100s(1), SessionOptions.forUser("bob")).id();
		this.fixture.advance(Duration.ofHours(1));
		orchestrator.stopTracked(id);
		LocalDate first = LocalDate.ofInstant(START, ZoneOffset.UTC);
		assertThat(this.ledger.total(SpendScope.user("bob"), first, first)).isEqualByComparingTo("1.00");
		assertThat(this.ledger.total(SpendScope.user("bob"), first.plusDays(1), first.plusDays(1)))
			.isEqualByComparingTo("1.00");
		assertThat(this.accounting.spent(SpendScope.user("bob"), BillingPeriod.DAY)).isEqualByComparingTo("1.00");
		assertThat(this.accounting.spent(SpendScope.user("bob"), BillingPeriod.MONTH)).isEqualByComparingTo("2.00");
	}

	@Test
	void aStoppedResourceBillsNothingUntilItIsStartedAgain() {
		ComputeOrchestrator orchestrator = orchestrator();
		String id = orchestrator
			.spawn(h100s(1), SessionOptions.forUser("carol").withIdleTtl(Duration.ofHours(2))
				.withIdleStop(Duration.ofMinutes(30)))
			.id();
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(orchestrator.get(id).orElseThrow().spend().billing()).isFalse();
		assertThat(accrued(id)).isEqualByComparingTo("1.00");
		this.fixture.advance(Duration.ofMinutes(45));
		assertThat(accrued(id)).as("stopped for 45 minutes").isEqualByComparingTo("1.00");
		assertThat(this.accounting.burnRate(SpendScope.user("carol"))).isEqualByComparingTo("0");
		orchestrator.touch(id);
		this.fixture.advance(Duration.ofSeconds(1));
		assertThat(orchestrator.get(id).orElseThrow().spend().billing()).isTrue();
		this.fixture.advance(Duration.ofMinutes(15));
		assertThat(accrued(id)).as("billed again from the start, within a tick of the touch")
			.isEqualByComparingTo("1.50");
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "IDLE_STOPPED", "RESUMED");
	}

	@Test
	void theMetersCountWhatSessionsOwnedHereBurnAndHaveCost() {
		ComputeOrchestrator orchestrator = orchestrator();
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		new SpendMeters(this.accounting.owned(), List.of("mock")).bindTo(meters);
		String first = orchestrator.spawn(h100s(1), SessionOptions.forUser("a")).id();
		orchestrator.spawn(h100s(3), SessionOptions.forUser("b"));
		assertThat(meters.get(SpendMeters.BURN_RATE).tag("provider", "mock").gauge().value()).isEqualTo(8.0);
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(meters.get(SpendMeters.ACCRUED).functionCounter().count()).isCloseTo(4.0, within());
		orchestrator.priceReported(first, new BigDecimal("4.00"));
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(meters.get(SpendMeters.BURN_RATE).gauge().value()).isEqualTo(10.0);
		assertThat(meters.get(SpendMeters.ACCRUED).functionCounter().count()).isCloseTo(9.0, within());
		orchestrator.stopTracked(first);
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(meters.get(SpendMeters.BURN_RATE).gauge().value()).isEqualTo(6.0);
		assertThat(meters.get(SpendMeters.ACCRUED).functionCounter().count()).as("the ended session's cost stays")
			.isCloseTo(12.0, within());
		assertThat(meters.getMeters()).allSatisfy((meter) -> assertThat(meter.getId().getTags())
			.extracting(io.micrometer.core.instrument.Tag::getKey).containsExactly("provider"));
	}

	@Test
	void aSpentBudgetRefusesTheUsersNextSessionAndSendsNothing() {
		AdmissionControl admission = new AdmissionControl(
				List.of(new BudgetPolicy(List.of(new Budget(true, BillingPeriod.DAY, new BigDecimal("5"))),
						this.accounting)),
				this.fixture.events, this.fixture.clock);
		ComputeOrchestrator orchestrator = orchestrator(admission);
		orchestrator.spawn(h100s(2), SessionOptions.forUser("dave"));
		this.fixture.advance(Duration.ofMinutes(75));
		int spawned = this.fixture.mock.list(io.exatlas.compute.ComputeFilter.all(),
				io.exatlas.compute.ProviderContext.defaults()).collectList().block().size();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> orchestrator.spawn(h100s(1), SessionOptions.forUser("dave")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.REJECTED);
				assertThat(ex.code()).hasValue("budget");
				assertThat(ex.getMessage()).contains("5.00 USD is spent of the user's daily budget of 5 USD");
			});
		assertThat(this.fixture.mock.list(io.exatlas.compute.ComputeFilter.all(),
				io.exatlas.compute.ProviderContext.defaults()).collectList().block()).hasSize(spawned);
		assertThat(orchestrator.spawn(h100s(1), SessionOptions.forUser("erin")).spend()).as("another user")
			.isNotNull();
	}

	@Test
	void burnRateCapsRefuseWhileTheRateIsReachedOrAnOfferWouldPassIt() {
		BurnRateCapPolicy perUser = new BurnRateCapPolicy(true, new BigDecimal("5"), this.accounting);
		AdmissionControl admission = new AdmissionControl(List.of(perUser), this.fixture.events, this.fixture.clock);
		ComputeOrchestrator orchestrator = orchestrator(admission);
		orchestrator.spawn(h100s(2), SessionOptions.forUser("frank"));
		assertThat(orchestrator.spawn(h100s(1), SessionOptions.forUser("frank")).spend().pricePerHour())
			.as("4 USD per hour is under the cap").isEqualByComparingTo("2.00");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> orchestrator.spawn(h100s(1), SessionOptions.forUser("frank")))
			.satisfies((ex) -> assertThat(ex.code()).hasValue("max-burn-rate-per-user"));
		Offer offer = new Offer("mock", "h100", "mock-h100", null, "eu", CloudType.SECURE, false, new BigDecimal("3"),
				GpuAvailability.HIGH, null);
		assertThat(perUser
			.evaluate(new io.exatlas.admission.AdmissionRequest(h100s(1), "grace", "mock", offer))
			.block()
			.admitted()).isTrue();
		assertThat(perUser
			.evaluate(new io.exatlas.admission.AdmissionRequest(h100s(2), "grace", "mock", offer))
			.block()
			.reason()).isEqualTo("the user's sessions burn 0 USD per hour and the offer adds 6; the cap is 5");
	}

	@Test
	void theReaperListingReportsPricesSoTheyFollowTheProviderWithoutCallsOfTheirOwn() {
		ComputeOrchestrator orchestrator = orchestrator();
		String id = orchestrator.spawn(h100s(1), SessionOptions.forUser("heidi")).id();
		Reaper reaper = new Reaper(this.fixture.exatlas, this.fixture.providers, this.fixture.registry,
				new ReaperSettings(Duration.ofMinutes(10), "atlas-", Duration.ofMinutes(5), java.util.Set.of(), false),
				this.fixture.events, this.fixture.clock, this.fixture.time);
		reaper.onTrackedListed(orchestrator::observed);
		this.fixture.mock.reprice(id, new BigDecimal("3.50"));
		reaper.reapNow().block();
		assertThat(orchestrator.get(id).orElseThrow().spend().pricePerHour()).isEqualByComparingTo("3.50");
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "PRICE_CHANGED 3.50");
	}

	@Test
	void withoutAccountingNothingIsRecorded() {
		this.orchestrator = this.fixture.orchestrator(
				OrchestratorFixture.settings(Duration.ofHours(1), Duration.ZERO, ShutdownPolicy.TERMINATE));
		String id = this.orchestrator.spawn(h100s(1), SessionOptions.forUser("ivan")).id();
		assertThat(this.orchestrator.get(id).orElseThrow().spend()).isNull();
		assertThat(this.orchestrator.priceReported(id, BigDecimal.TEN)).isFalse();
	}

	private static org.assertj.core.data.Offset<Double> within() {
		return org.assertj.core.data.Offset.offset(1e-6);
	}

}
