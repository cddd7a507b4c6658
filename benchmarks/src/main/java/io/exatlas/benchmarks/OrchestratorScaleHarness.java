package io.exatlas.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.spend.InMemorySpendLedger;
import io.exatlas.spend.SpendAccounting;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The orchestrator at 100,000 tracked mock sessions: the heap each session costs (GC-settled used heap, minus what
 * the mock provider itself keeps for the same resources, measured the same way), and the cost of one expiry tick
 * when 0 %, 1 % and 2 % of the sessions expire (and, for 0 %, at 1,000 sessions). The clock is moved by hand and the tick is called directly, so each
 * tick does exactly the measured work.
 */
final class OrchestratorScaleHarness {

	static final int SESSIONS = 100_000;

	/** Sessions get TTLs of 10 to 109 minutes in steps of one minute: each minute 1 % of them fall due. */
	private static final int TTL_GROUPS = 100;

	private static final Duration BASE_TTL = Duration.ofMinutes(10);

	private static final ComputeRequest REQUEST = ComputeRequest.builder()
		.gpu("h100")
		.image("vllm/vllm-openai")
		.httpPort(8000)
		.build();

	private final int rounds;

	OrchestratorScaleHarness(int rounds) {
		this.rounds = rounds;
	}

	List<ReportRow> run() {
		Samples perSession = heapPerSession();
		Ticks ticks = ticks(SESSIONS);
		Ticks small = ticks(SESSIONS / 100);
		List<ReportRow> rows = new ArrayList<>();
		rows.add(new ReportRow("Orchestrator, 100,000 tracked sessions with spend accounting: heap per session "
				+ "(beyond the provider's own)",
				String.format(Locale.ROOT, "%.0f ± %.0f bytes = %.2f KiB", perSession.mean(), perSession.error(),
						perSession.mean() / 1024),
				"<= 1 KiB"));
		Samples perExpiringAtOne = ticks.onePercent.scaled(1.0 / (SESSIONS / TTL_GROUPS));
		Samples perExpiringAtTwo = ticks.twoPercent.scaled(1.0 / (2 * SESSIONS / TTL_GROUPS));
		rows.add(new ReportRow("Orchestrator expiry tick, nothing due: 100,000 sessions / 1,000 sessions",
				ticks.none.ratioTo(small.none) + " (" + ticks.none.format("µs") + " vs " + small.none.format("µs") + ")",
				"~1x (independent of sessions tracked)"));
		rows.add(new ReportRow("Orchestrator expiry tick, cost per expiring session: 2 % due / 1 % due",
				perExpiringAtTwo.ratioTo(perExpiringAtOne) + " (" + perExpiringAtOne.format("µs") + " per session; "
						+ "1,000 due: " + ticks.onePercent.format("µs") + ")",
				"~1x (proportional to expiring)"));
		return rows;
	}

	private Samples heapPerSession() {
		double[] values = new double[this.rounds];
		for (int round = 0; round < this.rounds; round++) {
			values[round] = (trackedHeap() - providerOnlyHeap()) / SESSIONS;
		}
		return new Samples(values);
	}

	/** Used heap of a mock provider holding {@link #SESSIONS} resources spawned through the facade, untracked. */
	private static double providerOnlyHeap() {
		long before = settledUsedHeap();
		Fixture fixture = new Fixture();
		for (int i = 0; i < SESSIONS; i++) {
			fixture.exatlas.spawn(REQUEST).block();
		}
		long after = settledUsedHeap();
		fixture.close();
		return after - before;
	}

	/** Used heap of the same resources spawned and tracked by the orchestrator. */
	private static double trackedHeap() {
		long before = settledUsedHeap();
		Fixture fixture = new Fixture();
		ComputeOrchestrator orchestrator = fixture.orchestrator(true);
		SessionOptions options = SessionOptions.forUser("user");
		for (int i = 0; i < SESSIONS; i++) {
			orchestrator.spawn(REQUEST, options);
		}
		long after = settledUsedHeap();
		if (orchestrator.trackedCount() != SESSIONS) {
			throw new IllegalStateException("expected " + SESSIONS + " tracked sessions");
		}
		fixture.close();
		return after - before;
	}

	private Ticks ticks(int sessions) {
		Fixture fixture = new Fixture();
		ComputeOrchestrator orchestrator = fixture.orchestrator();
		for (int i = 0; i < sessions; i++) {
			Duration ttl = BASE_TTL.plusMinutes(i % TTL_GROUPS);
			orchestrator.spawn(REQUEST, SessionOptions.forUser("user-" + (i % 1000)).withIdleTtl(ttl));
		}
		for (int warmUp = 0; warmUp < 5_000; warmUp++) {
			orchestrator.tick();
		}
		fixture.clock.advance(BASE_TTL.minusSeconds(30));
		int warmUps = 2;
		int samples = Math.min(this.rounds * 4, TTL_GROUPS / 3 - warmUps);
		double[] none = new double[samples];
		double[] one = new double[samples];
		double[] two = new double[samples];
		int tracked = sessions;
		for (int i = -warmUps; i < samples; i++) {
			double noneExpiring = timedTicks(orchestrator, 1_000);
			fixture.clock.advance(Duration.ofMinutes(1));
			double onePercent = timedTick(orchestrator);
			tracked = expect(orchestrator, tracked - sessions / TTL_GROUPS);
			fixture.clock.advance(Duration.ofMinutes(2));
			double twoPercent = timedTick(orchestrator);
			tracked = expect(orchestrator, tracked - 2 * sessions / TTL_GROUPS);
			if (i >= 0) {
				none[i] = noneExpiring;
				one[i] = onePercent;
				two[i] = twoPercent;
			}
		}
		fixture.close();
		return new Ticks(new Samples(none), new Samples(one), new Samples(two));
	}

	private static int expect(ComputeOrchestrator orchestrator, int tracked) {
		if (orchestrator.trackedCount() != tracked) {
			throw new IllegalStateException(
					"expected " + tracked + " tracked sessions, found " + orchestrator.trackedCount());
		}
		return tracked;
	}

	/** Mean time of consecutive ticks with nothing due (one such tick is too short to time alone). */
	private static double timedTicks(ComputeOrchestrator orchestrator, int ticks) {
		long start = System.nanoTime();
		for (int i = 0; i < ticks; i++) {
			orchestrator.tick();
		}
		return (System.nanoTime() - start) / 1_000.0 / ticks;
	}

	private static double timedTick(ComputeOrchestrator orchestrator) {
		long start = System.nanoTime();
		orchestrator.tick();
		return (System.nanoTime() - start) / 1_000.0;
	}

	static long settledUsedHeap() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		long previous = Long.MAX_VALUE;
		for (int i = 0; i < 10; i++) {
			System.gc();
			long used = memory.getHeapMemoryUsage().getUsed();
			if (Math.abs(previous - used) < 64 * 1024) {
				return used;
			}
			previous = used;
		}
		return previous;
	}

	private record Ticks(Samples none, Samples onePercent, Samples twoPercent) {
	}

	/**
	 * A mock provider (instant, no job steps), the facade and an orchestrator without heartbeats whose periodic
	 * tick never fires on its own (the harness ticks by hand).
	 */
	static final class Fixture implements AutoCloseable {

		final ManualClock clock = new ManualClock(Instant.parse("2026-11-24T12:00:00Z"));

		final Scheduler timer = Schedulers.newSingle("harness-timer", true);

		final ReactiveExAtlas exatlas;

		private ComputeOrchestrator orchestrator;

		Fixture() {
			MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), this.clock, Schedulers.immediate(),
					Duration.ZERO, 1);
			mock.offers(List.of(new Offer("mock", "h100", "mock-h100", null, null, CloudType.SECURE, false,
					new BigDecimal("2.10"), GpuAvailability.HIGH, null)));
			this.exatlas = new DefaultReactiveExAtlas(new ComputeProviders(List.of(mock), "mock"),
					ExAtlasEventPublisher.noop(), this.clock, "atlas-");
		}

		ComputeOrchestrator orchestrator() {
			return orchestrator(false);
		}

		/**
		 * The orchestrator, with or without spend accounting (an in-memory ledger over its registry; the mock bills
		 * 2.10 USD per H100-hour).
		 * @param spend whether sessions' spend is accounted
		 * @return the started orchestrator
		 */
		ComputeOrchestrator orchestrator(boolean spend) {
			InMemorySessionRegistry registry = new InMemorySessionRegistry();
			SessionServices services = SessionServices.NONE;
			if (spend) {
				services = services.withSpend(new SpendAccounting(new InMemorySpendLedger(62), registry::spending,
						ZoneOffset.UTC, this.clock));
			}
			this.orchestrator = new ComputeOrchestrator(this.exatlas, registry, ExAtlasEventPublisher.noop(),
					this.clock, this.timer,
					new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofDays(1),
							ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "harness", "atlas-"),
					MembershipSettings.defaults(), services);
			this.orchestrator.start();
			return this.orchestrator;
		}

		@Override
		public void close() {
			if (this.orchestrator != null) {
				this.orchestrator.stop();
			}
			this.timer.dispose();
		}

	}

}
