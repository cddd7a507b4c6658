package io.exatlas.orchestrator;

import java.time.Duration;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.test.fake.FakeGpuCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Stop before terminate, on the virtual clock: idle for its stop time, a session's resource is stopped (not
 * terminated); a touch starts it within a tick; idle for its TTL, it is terminated as any session. A provider that
 * cannot stop only terminates.
 */
class IdleStopTests {

	private final FakeGpuCloud cannotStop = new FakeGpuCloud("nostop").region("r1", "1.00", 5);

	private final OrchestratorFixture fixture = new OrchestratorFixture(this.cannotStop);

	private final ComputeOrchestrator orchestrator = this.fixture
		.orchestrator(OrchestratorFixture.settings(Duration.ofMinutes(30), Duration.ZERO, ShutdownPolicy.LEAVE));

	@AfterEach
	void dispose() {
		this.orchestrator.stop();
		this.fixture.dispose();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	private ComputeStatus upstream(String id) {
		return this.fixture.mock.get(id, ProviderContext.defaults()).block().status();
	}

	@Test
	void anIdleSessionIsStoppedThenStartedByATouchThenTerminatedAtItsTtl() {
		String id = this.orchestrator.spawn(request(), SessionOptions.forUser("alice").withIdleStop(Duration.ofMinutes(5)))
			.id();
		this.fixture.advance(Duration.ofMinutes(5).minusSeconds(1));
		assertThat(upstream(id)).isEqualTo(ComputeStatus.RUNNING);
		this.fixture.advance(Duration.ofSeconds(1));
		assertThat(upstream(id)).as("stopped, not terminated").isEqualTo(ComputeStatus.STOPPED);
		assertThat(this.orchestrator.get(id)).isPresent();
		assertThat(this.orchestrator.touch(id)).isTrue();
		this.fixture.advance(Duration.ofSeconds(1));
		assertThat(upstream(id)).as("started again within a tick of the touch").isEqualTo(ComputeStatus.RUNNING);
		this.fixture.advance(Duration.ofMinutes(5));
		assertThat(upstream(id)).isEqualTo(ComputeStatus.STOPPED);
		this.fixture.advance(Duration.ofMinutes(25));
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(upstream(id)).isEqualTo(ComputeStatus.TERMINATED);
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "IDLE_STOPPED", "RESUMED",
				"IDLE_STOPPED", "TERMINATING IDLE_TIMEOUT", "STATUS TERMINATED");
	}

	@Test
	void aProviderThatCannotStopOnlyTerminates() {
		String id = this.orchestrator
			.spawn(request(), SessionOptions.forUser("bob")
				.with(CallOptions.provider("nostop"))
				.withIdleStop(Duration.ofMinutes(5)))
			.id();
		this.fixture.advance(Duration.ofMinutes(10));
		assertThat(this.orchestrator.get(id)).isPresent();
		this.fixture.advance(Duration.ofMinutes(20));
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(this.cannotStop.resources).isEmpty();
		assertThat(this.fixture.sessionEvents(id)).doesNotContain("IDLE_STOPPED");
	}

	@Test
	void aPausedSessionShowsStoppedUntilItIsResumedAndStillExpires() {
		String id = this.orchestrator.spawn(request(), SessionOptions.forUser("dora")).id();
		this.orchestrator.pause(id);
		assertThat(upstream(id)).isEqualTo(ComputeStatus.STOPPED);
		assertThat(this.orchestrator.get(id).orElseThrow().compute().status()).isEqualTo(ComputeStatus.STOPPED);
		this.orchestrator.pause(id);
		this.fixture.advance(Duration.ofMinutes(10));
		assertThat(upstream(id)).as("a touch does not start a paused session without a stop time")
			.isEqualTo(ComputeStatus.STOPPED);
		this.orchestrator.resume(id);
		assertThat(upstream(id)).isEqualTo(ComputeStatus.RUNNING);
		assertThat(this.orchestrator.get(id).orElseThrow().compute().status()).isEqualTo(ComputeStatus.RUNNING);
		this.fixture.advance(Duration.ofMinutes(30));
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "PAUSED", "RESUMED",
				"TERMINATING IDLE_TIMEOUT", "STATUS TERMINATED");
	}

	@Test
	void pausingIsRefusedForAProviderThatCannotStopAndForAnUntrackedSession() {
		String id = this.orchestrator.spawn(request(), SessionOptions.forUser("erin").with(CallOptions.provider("nostop")))
			.id();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.orchestrator.pause(id))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.orchestrator.pause("nope"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND));
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING");
	}

	@Test
	void aStopTimeNotShorterThanTheTtlIsRefused() {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.orchestrator.spawn(request(),
					SessionOptions.forUser("carol").withIdleStop(Duration.ofMinutes(30))))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
	}

}
