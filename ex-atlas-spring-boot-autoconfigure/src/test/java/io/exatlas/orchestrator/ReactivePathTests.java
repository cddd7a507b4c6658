package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.compute.ComputeRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The reactive orchestrator never calls a shared (network) session registry on a non-blocking thread: spawn's
 * tracking, touch and stop subscribed on Reactor's parallel scheduler (as on an event loop) run their registry calls
 * elsewhere. Before, {@code register} ran on the thread the provider's answer arrived on and {@code touch} had no
 * reactive form.
 */
class ReactivePathTests {

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	private final List<String> calls = new CopyOnWriteArrayList<>();

	private final List<String> onNonBlockingThreads = new CopyOnWriteArrayList<>();

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	@Test
	void registryCallsOfASharedRegistryNeverRunOnANonBlockingThread() {
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.fixture.exatlas, new NetworkRegistry(),
				this.fixture.events, this.fixture.clock, this.fixture.time,
				OrchestratorFixture.settings(Duration.ofMinutes(10), Duration.ZERO, ShutdownPolicy.TERMINATE));
		orchestrator.start();
		try {
			ReactiveComputeOrchestrator reactive = orchestrator.reactive();
			TrackedSession session = reactive
				.spawn(ComputeRequest.builder().gpu("h100").image("img").build(), SessionOptions.forUser("alice"))
				.subscribeOn(Schedulers.parallel())
				.block(Duration.ofSeconds(10));
			assertThat(reactive.touch(session.id()).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
				.isTrue();
			reactive.stopTracked(session.id()).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10));
			assertThat(reactive.touch(session.id()).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(10)))
				.as("no longer tracked").isFalse();
		}
		finally {
			orchestrator.stop();
		}
		assertThat(this.calls).contains("register", "touch", "get", "take");
		assertThat(this.onNonBlockingThreads).as("registry calls made on a non-blocking thread").isEmpty();
	}

	/** An in-memory registry that says it is shared, as Redis's is, and notes the thread of every call. */
	private final class NetworkRegistry extends InMemorySessionRegistry {

		private void called(String method) {
			ReactivePathTests.this.calls.add(method);
			if (Schedulers.isInNonBlockingThread()) {
				ReactivePathTests.this.onNonBlockingThreads.add(method + " on " + Thread.currentThread().getName());
			}
		}

		@Override
		public boolean isShared() {
			return true;
		}

		@Override
		public boolean register(SessionRecord session, long lastActivityMillis) {
			called("register");
			return super.register(session, lastActivityMillis);
		}

		@Override
		public boolean touch(String id, long nowMillis) {
			called("touch");
			return super.touch(id, nowMillis);
		}

		@Override
		public Optional<SessionRecord> get(String id) {
			called("get");
			return super.get(id);
		}

		@Override
		public boolean remove(String id) {
			called("remove");
			return super.remove(id);
		}

		@Override
		public Optional<SessionRecord> take(String id) {
			called("take");
			return super.take(id);
		}

	}

}
