package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Set;

import io.exatlas.ErrorKind;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shutdown budget bounds every termination at shutdown: a cloud that never answers a terminate costs the budget,
 * not the HTTP settings' worst case; the termination ends as a {@code TIMEOUT} ({@code TERMINATE_FAILED} event) and
 * the session is not lost from view: a shared registry gets it back for another instance, otherwise the log names
 * it for the reaper.
 */
@ExtendWith(OutputCaptureExtension.class)
class ShutdownBudgetTests {

	private static final Duration BUDGET = Duration.ofMillis(300);

	private final OrchestratorFixture fixture = new OrchestratorFixture(new Unanswered());

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	private ComputeOrchestrator orchestrator(SessionRegistry registry) {
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.fixture.exatlas, registry, this.fixture.events,
				this.fixture.clock, this.fixture.time, new OrchestratorSettings(Duration.ofMinutes(10), Duration.ZERO,
						Duration.ofSeconds(1), ShutdownPolicy.TERMINATE, BUDGET, "instance-a", "atlas-"));
		orchestrator.start();
		return orchestrator;
	}

	private static TrackedSession spawn(ComputeOrchestrator orchestrator) {
		return orchestrator.spawn(ComputeRequest.builder().gpu("h100").image("img").build(),
				SessionOptions.forUser("alice").with(CallOptions.provider("unanswered")));
	}

	@Test
	void aSharedRegistryGetsBackWhatWasNotConfirmedWithinTheBudget(CapturedOutput output) {
		SharedRegistry registry = new SharedRegistry();
		ComputeOrchestrator orchestrator = orchestrator(registry);
		TrackedSession session = spawn(orchestrator);
		long started = System.nanoTime();
		orchestrator.stop();
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("stop() kept to its budget")
			.isLessThan(Duration.ofSeconds(10));
		assertThat(registry.get(session.id())).as("back in the shared registry")
			.hasValueSatisfying((record) -> assertThat(record.owner()).isEqualTo("instance-a"));
		assertThat(this.fixture.sessionEvents(session.id())).containsExactly("STATUS RUNNING", "TERMINATING SHUTDOWN",
				"TERMINATE_FAILED " + ErrorKind.TIMEOUT);
		assertThat(output).contains("1 compute sessions were not confirmed terminated within PT0.3S")
			.contains(session.id())
			.contains("1 are back in the shared registry for another instance to take over");
	}

	@Test
	void aLocalRegistryNamesWhatIsLeftToTheReaper(CapturedOutput output) {
		ComputeOrchestrator orchestrator = orchestrator(new InMemorySessionRegistry());
		TrackedSession session = spawn(orchestrator);
		orchestrator.stop();
		assertThat(this.fixture.sessionEvents(session.id())).endsWith("TERMINATE_FAILED " + ErrorKind.TIMEOUT);
		assertThat(output).contains("were not confirmed terminated within PT0.3S")
			.contains("[" + session.id() + "]; they are left to the reaper");
	}

	/** An in-memory registry that says it is shared, as the Redis one is. */
	private static final class SharedRegistry extends InMemorySessionRegistry {

		@Override
		public boolean isShared() {
			return true;
		}

	}

	/** A cloud that spawns but never answers a terminate. */
	private final class Unanswered implements ComputeProvider {

		@Override
		public String id() {
			return "unanswered";
		}

		@Override
		public Set<Capability> capabilities() {
			return Set.of();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return ShutdownBudgetTests.this.fixture.mock.spawn(request, context);
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return ShutdownBudgetTests.this.fixture.mock.get(id, context);
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return ShutdownBudgetTests.this.fixture.mock.list(filter, context);
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return Mono.never();
		}

	}

}
