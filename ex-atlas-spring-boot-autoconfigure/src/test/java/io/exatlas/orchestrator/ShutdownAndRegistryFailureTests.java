package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Signal;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Nothing is left running untracked: spawns in flight when the orchestrator stops are terminated (policy TERMINATE)
 * and shutdown waits for them; a spawned resource the registry fails to record is terminated. Before, twenty spawns
 * in flight at shutdown completed after it and kept running upstream, untracked.
 */
class ShutdownAndRegistryFailureTests {

	private final Gated gated = new Gated();

	private final OrchestratorFixture fixture = new OrchestratorFixture(this.gated);

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	@Test
	void spawnsInFlightAtShutdownAreTerminatedAndShutdownWaitsForThem() throws Exception {
		ComputeOrchestrator orchestrator = this.fixture.orchestrator(
				OrchestratorFixture.settings(Duration.ofMinutes(10), Duration.ZERO, ShutdownPolicy.TERMINATE));
		List<Signal<TrackedSession>> results = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			orchestrator.reactive()
				.spawn(request(), SessionOptions.defaults().with(CallOptions.provider("gated")))
				.materialize()
				.subscribe((signal) -> {
					synchronized (results) {
						results.add(signal);
					}
				});
		}
		await().until(() -> this.gated.waiting() == 20);
		Thread stopper = new Thread(orchestrator::stop);
		stopper.start();
		await().until(() -> stopper.getState() == Thread.State.TIMED_WAITING
				|| stopper.getState() == Thread.State.WAITING);
		this.gated.open();
		stopper.join(10_000);
		assertThat(stopper.isAlive()).as("stop() returned within its budget").isFalse();
		assertThat(results).hasSize(20).allSatisfy((signal) -> {
			assertThat(signal.isOnError()).isTrue();
			assertThat(((ExAtlasException) signal.getThrowable()).kind()).isEqualTo(ErrorKind.UNSUPPORTED);
		});
		List<Compute> upstream = this.fixture.mock.list(ComputeFilter.all(), ProviderContext.defaults())
			.collectList()
			.block();
		assertThat(upstream).as("resources left running upstream").hasSize(20)
			.allSatisfy((compute) -> assertThat(compute.status()).isEqualTo(ComputeStatus.TERMINATED));
		assertThat(orchestrator.trackedCount()).isZero();
		assertThat(this.fixture.sessionEvents(upstream.get(0).id())).containsExactly("TERMINATING SHUTDOWN",
				"STATUS TERMINATED");
	}

	@Test
	void aResourceTheRegistryFailsToRecordIsTerminatedNotLost() {
		InMemorySessionRegistry failing = new InMemorySessionRegistry() {
			@Override
			public boolean register(SessionRecord session, long lastActivityMillis) {
				throw new IllegalStateException("Redis is down");
			}
		};
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.fixture.exatlas, failing, this.fixture.events,
				this.fixture.clock, this.fixture.time,
				OrchestratorFixture.settings(Duration.ofMinutes(10), Duration.ZERO, ShutdownPolicy.TERMINATE));
		orchestrator.start();
		try {
			ExAtlasException failure = (ExAtlasException) orchestrator.reactive()
				.spawn(request(), SessionOptions.forUser("alice"))
				.materialize()
				.block()
				.getThrowable();
			assertThat(failure.kind()).isEqualTo(ErrorKind.UNKNOWN);
			assertThat(failure.getMessage()).contains("session registry failed", "terminated");
			List<Compute> upstream = this.fixture.mock.list(ComputeFilter.all(), ProviderContext.defaults())
				.collectList()
				.block();
			assertThat(upstream).singleElement()
				.satisfies((compute) -> assertThat(compute.status()).isEqualTo(ComputeStatus.TERMINATED));
			assertThat(this.fixture.sessionEvents(upstream.get(0).id())).containsExactly("TERMINATING REGISTRY_FAILED",
					"STATUS TERMINATED");
		}
		finally {
			orchestrator.stop();
		}
	}

	/** The mock provider behind a gate: spawns wait until the gate opens. */
	private final class Gated implements ComputeProvider {

		private final Sinks.Empty<Void> gate = Sinks.empty();

		private final AtomicInteger waiting = new AtomicInteger();

		int waiting() {
			return this.waiting.get();
		}

		void open() {
			this.gate.tryEmitEmpty();
		}

		@Override
		public String id() {
			return "gated";
		}

		@Override
		public Set<Capability> capabilities() {
			return Set.of();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return Mono.defer(() -> {
				this.waiting.incrementAndGet();
				return this.gate.asMono().then(mock().spawn(request, context));
			});
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return mock().get(id, context);
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return mock().list(filter, context);
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return mock().terminate(id, context);
		}

		private ComputeProvider mock() {
			return ShutdownAndRegistryFailureTests.this.fixture.mock;
		}

	}

}
