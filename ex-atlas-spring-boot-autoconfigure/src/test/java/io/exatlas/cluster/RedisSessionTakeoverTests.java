package io.exatlas.cluster;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionRecord;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.orchestrator.TerminationReason;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.spend.SessionSpend;
import io.exatlas.spend.SpendAccounting;
import io.exatlas.spend.SpendScope;
import io.exatlas.support.RedisServer;
import io.exatlas.test.event.RecordingEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Two orchestrator instances sharing a {@link RedisSessionRegistry}: an instance that dies (its timers stop; it never
 * shuts down) has its sessions taken over by the other, whose timers then expire them by their idle TTL; a live
 * instance keeps its sessions.
 */
class RedisSessionTakeoverTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			Schedulers.immediate(), Duration.ZERO, 1);

	private final ReactiveExAtlas exatlas = new DefaultReactiveExAtlas(new ComputeProviders(List.of(this.mock), "mock"),
			new RecordingEventPublisher(), Clock.systemUTC(), "atlas-");

	private final RecordingEventPublisher eventsA = new RecordingEventPublisher();

	private final RecordingEventPublisher eventsB = new RecordingEventPublisher();

	private final Scheduler timerA = Schedulers.newSingle("instance-a");

	private final Scheduler timerB = Schedulers.newSingle("instance-b");

	private RedisSessionRegistry registry;

	private ComputeOrchestrator a;

	private ComputeOrchestrator b;

	@BeforeEach
	void startInstances() {
		redis.flushAll();
		this.registry = new RedisSessionRegistry(redis.template(), "takeover:");
		this.a = orchestrator("a", this.eventsA, this.timerA);
		this.b = orchestrator("b", this.eventsB, this.timerB);
	}

	@AfterEach
	void stopTimers() {
		this.timerA.dispose();
		this.timerB.dispose();
	}

	private ComputeOrchestrator orchestrator(String id, RecordingEventPublisher events, Scheduler timer) {
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.exatlas, this.registry, events,
				Clock.systemUTC(), timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMillis(50),
						ShutdownPolicy.TERMINATE, Duration.ofSeconds(5), id, "atlas-"),
				new MembershipSettings(Duration.ofMillis(200), Duration.ofMillis(1500)));
		orchestrator.start();
		return orchestrator;
	}

	@Test
	void theSessionsOfADeadInstanceAreTakenOverAndStillExpire() {
		TrackedSession session = this.a.spawn(request(), SessionOptions.forUser("user-1").withIdleTtl(Duration.ofSeconds(4)));
		this.timerA.dispose();
		await().atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(this.registry.get(session.id())).map(SessionRecord::owner).hasValue("b"));
		assertThat(status(session.id())).isEqualTo(ComputeStatus.RUNNING);
		await().atMost(Duration.ofSeconds(8))
			.untilAsserted(() -> assertThat(status(session.id())).isEqualTo(ComputeStatus.TERMINATED));
		assertThat(this.eventsB.ofType(ComputeSessionEvent.class))
			.anySatisfy((event) -> assertThat(event.reason()).isEqualTo(TerminationReason.IDLE_TIMEOUT));
		assertThat(this.eventsA.ofType(ComputeSessionEvent.class))
			.noneSatisfy((event) -> assertThat(event.type()).isEqualTo(ComputeSessionEvent.Type.TERMINATING));
		assertThat(this.registry.contains(session.id())).isFalse();
	}

	@Test
	void aLiveInstanceKeepsItsSessionsAndALeavingOneHandsThemOverAtOnce() throws InterruptedException {
		TrackedSession session = this.a.spawn(request(), SessionOptions.forUser("user-1"));
		Thread.sleep(2500);
		assertThat(this.registry.get(session.id())).map(SessionRecord::owner).hasValue("a");
		assertThat(this.registry.isAlive("a")).isTrue();
		Scheduler timerC = Schedulers.newSingle("instance-c");
		try {
			ComputeOrchestrator leaving = new ComputeOrchestrator(this.exatlas, this.registry,
					new RecordingEventPublisher(), Clock.systemUTC(), timerC,
					new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMillis(50),
							ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "c", "atlas-"),
					new MembershipSettings(Duration.ofMillis(200), Duration.ofSeconds(30)));
			leaving.start();
			TrackedSession left = leaving.spawn(request(), SessionOptions.forUser("user-2"));
			leaving.stop();
			assertThat(status(left.id())).isEqualTo(ComputeStatus.RUNNING);
			// Far sooner than c's 30 s heartbeat would have expired; whichever live instance looks first wins.
			await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> assertThat(this.registry.get(left.id()))
				.map(SessionRecord::owner)
				.hasValueSatisfying((owner) -> assertThat(owner).isIn("a", "b")));
		}
		finally {
			timerC.dispose();
		}
	}

	@Test
	void theHardLifetimeSurvivesATakeOver() {
		TrackedSession session = this.a.spawn(request(),
				SessionOptions.forUser("user-1").withMaxLifetime(java.time.Duration.ofSeconds(6)));
		this.timerA.dispose();
		await().atMost(Duration.ofSeconds(4))
			.untilAsserted(() -> assertThat(this.registry.get(session.id())).hasValueSatisfying((record) -> {
				assertThat(record.owner()).isEqualTo("b");
				assertThat(record.maxLifetime()).isEqualTo(Duration.ofSeconds(6));
			}));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(status(session.id())).isEqualTo(ComputeStatus.TERMINATED));
		assertThat(this.eventsB.ofType(ComputeSessionEvent.class))
			.anySatisfy((event) -> assertThat(event.reason()).isEqualTo(TerminationReason.MAX_LIFETIME));
	}

	@Test
	void spendSurvivesATakeOverAndIsSettledOnceIntoTheSharedLedger() {
		this.mock.offers(List.of(new Offer("mock", "h100", "mock-h100", null, null, CloudType.SECURE, false,
				new BigDecimal("2.00"), GpuAvailability.HIGH, null)));
		RedisSpendLedger ledger = new RedisSpendLedger(redis.template(), "takeover:", Duration.ofDays(40));
		Scheduler timerC = Schedulers.newSingle("instance-c");
		Scheduler timerD = Schedulers.newSingle("instance-d");
		try {
			this.a.stop();
			this.b.stop();
			RecordingEventPublisher eventsD = new RecordingEventPublisher();
			ComputeOrchestrator c = accounted("c", new RecordingEventPublisher(), timerC, ledger);
			ComputeOrchestrator d = accounted("d", eventsD, timerD, ledger);
			TrackedSession session = c.spawn(request(), SessionOptions.forUser("user-1"));
			assertThat(this.registry.get(session.id()).orElseThrow().spend().pricePerHour())
				.isEqualByComparingTo("2.00");
			assertThat(d.priceReported(session.id(), new BigDecimal("6.00"))).as("any instance may report a price")
				.isTrue();
			SessionSpend repriced = this.registry.get(session.id()).orElseThrow().spend();
			assertThat(repriced.pricePerHour()).isEqualByComparingTo("6.00");
			assertThat(this.registry.updateSpend(session.id(), SessionSpend.start(BigDecimal.ONE, Instant.EPOCH),
					repriced.withPrice(BigDecimal.TEN, Instant.now())))
				.as("a stale compare-and-set loses")
				.isFalse();
			timerC.dispose();
			await().atMost(Duration.ofSeconds(4))
				.untilAsserted(() -> assertThat(this.registry.get(session.id())).hasValueSatisfying((record) -> {
					assertThat(record.owner()).isEqualTo("d");
					assertThat(record.spend()).isEqualTo(repriced);
				}));
			d.stopTracked(session.id());
			ComputeSessionEvent terminated = eventsD.ofType(ComputeSessionEvent.class)
				.stream()
				.filter((event) -> event.status() == ComputeStatus.TERMINATED)
				.findFirst()
				.orElseThrow();
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			BigDecimal settled = ledger.total(SpendScope.user("user-1"), today.minusDays(1), today);
			assertThat(settled).isPositive();
			assertThat(settled).as("settled once: the change on d, the rest on d's stop")
				.isCloseTo(terminated.accrued(), within(new BigDecimal("0.00001")));
			assertThat(ledger.total(SpendScope.provider("mock"), today.minusDays(1), today))
				.isCloseTo(settled, within(new BigDecimal("0.00001")));
		}
		finally {
			timerC.dispose();
			timerD.dispose();
		}
	}

	private ComputeOrchestrator accounted(String id, RecordingEventPublisher events, Scheduler timer,
			RedisSpendLedger ledger) {
		SpendAccounting accounting = new SpendAccounting(ledger, this.registry::spending, ZoneOffset.UTC,
				Clock.systemUTC());
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.exatlas, this.registry, events,
				Clock.systemUTC(), timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMillis(50),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), id, "atlas-"),
				new MembershipSettings(Duration.ofMillis(200), Duration.ofMillis(1500)),
				SessionServices.NONE.withSpend(accounting));
		orchestrator.start();
		return orchestrator;
	}

	@Test
	void anInstanceThatWasTakenOverNeitherExpiresNorShutsDownTheSessionItLost() {
		TrackedSession session = this.a.spawn(request(), SessionOptions.forUser("user-1"));
		assertThat(this.registry.claim(session.id(), "a", "b")).isTrue();
		assertThat(this.registry.claim(session.id(), "a", "c")).isFalse();
		this.a.tick();
		this.a.stop();
		assertThat(status(session.id())).isEqualTo(ComputeStatus.RUNNING);
		assertThat(this.registry.contains(session.id())).isTrue();
	}

	@Test
	void recordsRoundTripThroughRedis() {
		TrackedSession session = this.a.spawn(request(), SessionOptions.forUser("user-1"));
		SessionRecord record = this.registry.get(session.id()).orElseThrow();
		assertThat(record.compute().withoutSecrets().toBuilder().raw(java.util.Map.of()).build())
			.isEqualTo(session.compute().withoutSecrets().toBuilder().raw(java.util.Map.of()).build());
		assertThat(record.userId()).isEqualTo("user-1");
		assertThat(record.idleTtl()).isEqualTo(Duration.ofMinutes(30));
		assertThat(this.registry.all()).extracting(SessionRecord::id).containsExactly(session.id());
		assertThat(this.registry.size()).isEqualTo(1);
		assertThat(this.registry.lastActivity(session.id())).isPresent();
		assertThat(this.registry.touch(session.id(), 0)).isTrue();
		assertThat(this.registry.lastActivity(session.id()).getAsLong()).isGreaterThan(0);
		assertThat(this.registry.touch("unknown", 1)).isFalse();
	}

	private ComputeStatus status(String id) {
		return this.mock.get(id, ProviderContext.defaults()).block().status();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").httpPort(8000).build();
	}

}
