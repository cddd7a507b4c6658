package io.exatlas.benchmarks;

import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * {@code touch} on random sessions out of 100,000 tracked ones, from two threads, against the floor: a
 * {@code ConcurrentHashMap} lookup and one volatile write of the same clock's time, on the same ids; and the same
 * {@code touch} on an orchestrator with spend accounting on (100,000 sessions billed at a price).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Threads(2)
public class SessionTouchBenchmark {

	private OrchestratorScaleHarness.Fixture fixture;

	private ComputeOrchestrator orchestrator;

	private OrchestratorScaleHarness.Fixture spendFixture;

	private ComputeOrchestrator withSpend;

	private String[] ids;

	private String[] spendIds;

	private ConcurrentHashMap<String, AtomicLong> floor;

	@Setup(Level.Trial)
	public void setUp() {
		this.fixture = new OrchestratorScaleHarness.Fixture();
		this.orchestrator = this.fixture.orchestrator();
		ComputeRequest request = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
		this.ids = new String[OrchestratorScaleHarness.SESSIONS];
		this.floor = new ConcurrentHashMap<>();
		for (int i = 0; i < this.ids.length; i++) {
			TrackedSession session = this.orchestrator.spawn(request, SessionOptions.forUser("user-" + (i % 1000)));
			this.ids[i] = session.id();
			this.floor.put(session.id(), new AtomicLong());
		}
		List.of(this.ids).forEach(this.orchestrator::touch);
		this.spendFixture = new OrchestratorScaleHarness.Fixture();
		this.withSpend = this.spendFixture.orchestrator(true);
		this.spendIds = new String[OrchestratorScaleHarness.SESSIONS];
		for (int i = 0; i < this.spendIds.length; i++) {
			TrackedSession session = this.withSpend.spawn(request, SessionOptions.forUser("user-" + (i % 1000)));
			if (session.spend() == null) {
				throw new IllegalStateException("spend accounting is not on");
			}
			this.spendIds[i] = session.id();
		}
		List.of(this.spendIds).forEach(this.withSpend::touch);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.fixture.close();
		this.spendFixture.close();
	}

	@Benchmark
	public boolean touchWithSpendAccounting() {
		return this.withSpend.touch(this.spendIds[ThreadLocalRandom.current().nextInt(this.spendIds.length)]);
	}

	@Benchmark
	public boolean touch() {
		return this.orchestrator.touch(randomId());
	}

	@Benchmark
	public boolean mapLookupAndVolatileWrite() {
		AtomicLong lastActivity = this.floor.get(randomId());
		if (lastActivity == null) {
			return false;
		}
		lastActivity.set(this.fixture.clock.millis());
		return true;
	}

	private String randomId() {
		return this.ids[ThreadLocalRandom.current().nextInt(this.ids.length)];
	}

}
