package io.exatlas.orchestrator;

import java.time.Duration;
import java.time.Instant;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A hard lifetime ends a session however active it is (dstack's {@code max_duration}), on the virtual clock; the
 * per-session lifetime overrides the default, and the registry record carries it for a take-over.
 */
class SessionLifetimeTests {

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	private ComputeOrchestrator orchestrator(Duration defaultLifetime) {
		return this.fixture.orchestrator(new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO,
				Duration.ofSeconds(1), ShutdownPolicy.TERMINATE, Duration.ofSeconds(5), "instance-a", "atlas-",
				defaultLifetime));
	}

	@Test
	void aSessionTouchedEveryMinuteEndsAtItsHardLifetime() {
		ComputeOrchestrator orchestrator = orchestrator(null);
		String id = orchestrator.spawn(request(), SessionOptions.forUser("alice").withMaxLifetime(Duration.ofMinutes(10)))
			.id();
		for (int minute = 1; minute < 10; minute++) {
			this.fixture.advance(Duration.ofMinutes(1));
			assertThat(orchestrator.touch(id)).as("minute %d", minute).isTrue();
		}
		this.fixture.advance(Duration.ofSeconds(59));
		assertThat(orchestrator.get(id)).isPresent();
		this.fixture.advance(Duration.ofSeconds(1));
		assertThat(orchestrator.get(id)).isEmpty();
		assertThat(this.fixture.mock.get(id, ProviderContext.defaults()).block().status())
			.isEqualTo(ComputeStatus.TERMINATED);
		assertThat(this.fixture.sessionEvents(id)).endsWith("TERMINATING MAX_LIFETIME", "STATUS TERMINATED");
		orchestrator.stop();
	}

	@Test
	void theDefaultLifetimeAppliesAndTheSessionsOwnOverridesIt() {
		ComputeOrchestrator orchestrator = orchestrator(Duration.ofMinutes(5));
		String defaulted = orchestrator.spawn(request(), SessionOptions.forUser("a")).id();
		String longer = orchestrator.spawn(request(), SessionOptions.forUser("b").withMaxLifetime(Duration.ofHours(1)))
			.id();
		this.fixture.advance(Duration.ofMinutes(5));
		assertThat(orchestrator.get(defaulted)).isEmpty();
		assertThat(orchestrator.get(longer)).isPresent();
		assertThat(this.fixture.registry.get(longer)).hasValueSatisfying((record) -> {
			assertThat(record.maxLifetime()).isEqualTo(Duration.ofHours(1));
			assertThat(record.endOfLifeMillis())
				.isEqualTo(Instant.parse("2026-11-24T12:00:00Z").plus(Duration.ofHours(1)).toEpochMilli());
		});
		orchestrator.stop();
	}

	@Test
	void aLifetimeIsValidated() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> SessionOptions.forUser("a").withMaxLifetime(Duration.ZERO));
		assertThatIllegalArgumentException().isThrownBy(() -> new OrchestratorSettings(Duration.ofMinutes(1),
				Duration.ZERO, Duration.ofSeconds(1), ShutdownPolicy.LEAVE, Duration.ofSeconds(1), "i", "atlas-",
				Duration.ofDays(40_000)));
		Compute compute = Compute.builder("c", "mock").build();
		assertThat(new SessionRecord(compute, null, "i", Duration.ofMinutes(1), Duration.ZERO, Instant.EPOCH)
			.endOfLifeMillis()).isEqualTo(Long.MAX_VALUE);
	}

}
