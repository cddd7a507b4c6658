package io.exatlas.orchestrator;

import java.time.Duration;

import io.exatlas.compute.CallOptions;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session spawn retried with the same idempotency key is the same session: the orchestrator does not take the
 * resource it gets back for a duplicate and terminate it.
 */
class IdempotentSessionTests {

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	@Test
	void aRetriedSessionSpawnIsTheSameSessionAndNothingIsTerminated() {
		ComputeOrchestrator orchestrator = this.fixture.orchestrator(
				OrchestratorFixture.settings(Duration.ofMinutes(10), Duration.ZERO, ShutdownPolicy.TERMINATE));
		SessionOptions options = SessionOptions.forUser("alice").with(CallOptions.idempotencyKey("web-request-7"));
		ComputeRequest request = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
		TrackedSession first = orchestrator.spawn(request, options);
		TrackedSession retried = orchestrator.spawn(request, options);
		assertThat(retried.id()).isEqualTo(first.id());
		assertThat(orchestrator.trackedCount()).isEqualTo(1);
		assertThat(this.fixture.mock.list(ComputeFilter.all(), ProviderContext.defaults()).collectList().block())
			.singleElement()
			.satisfies((compute) -> assertThat(compute.status()).isEqualTo(ComputeStatus.RUNNING));
		orchestrator.stop();
	}

}
