package io.exatlas.orchestrator.autoconfigure;

import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.Reaper;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class OrchestratorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				OrchestratorAutoConfiguration.class, EndpointAutoConfiguration.class,
				ComputeSessionsEndpointAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock", "exatlas.providers.mock.job-step-delay=0");

	@Test
	void theOrchestratorIsOptIn() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ComputeOrchestrator.class)
			.doesNotHaveBean(Reaper.class)
			.doesNotHaveBean(SessionRegistry.class));
	}

	@Test
	void whenEnabledItRunsWithTheContextAndTerminatesSessionsWhenTheContextCloses() {
		AtomicReference<MockComputeProvider> mock = new AtomicReference<>();
		AtomicReference<String> id = new AtomicReference<>();
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.idle-ttl=5m",
				"exatlas.orchestrator.instance-id=node-1")
			.run((context) -> {
				assertThat(context).hasSingleBean(ComputeOrchestrator.class)
					.hasSingleBean(InMemorySessionRegistry.class)
					.hasSingleBean(Reaper.class);
				ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
				assertThat(orchestrator.isRunning()).isTrue();
				assertThat(context.getBean(Reaper.class).isRunning()).isTrue();
				TrackedSession session = orchestrator.spawn(ComputeRequest.builder().gpu("h100").build(),
						SessionOptions.forUser("bob"));
				assertThat(session.idleTtl()).hasMinutes(5);
				assertThat(session.owner()).isEqualTo("node-1");
				mock.set(context.getBean(MockComputeProvider.class));
				id.set(session.id());
			});
		assertThat(mock.get().get(id.get(), ProviderContext.defaults()).block().status())
			.isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void eventStreamsCompleteWhenTheContextCloses() {
		AtomicReference<reactor.test.StepVerifier> verifier = new AtomicReference<>();
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true")
			.run((context) -> verifier.set(reactor.test.StepVerifier
				.create(context.getBean(ComputeOrchestrator.class).events())
				.expectComplete()
				.verifyLater()));
		verifier.get().verify(java.time.Duration.ofSeconds(5));
	}

	@Test
	void theReaperCanBeDisabledAndRefusesAnEmptyPrefixUnlessAllowed() {
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.reaper.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ComputeOrchestrator.class).doesNotHaveBean(Reaper.class));
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.reaper.name-prefix=")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.hasMessageContaining("allow-empty-prefix"));
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.reaper.name-prefix=",
				"exatlas.orchestrator.reaper.allow-empty-prefix=true")
			.run((context) -> assertThat(context).hasSingleBean(Reaper.class));
	}

	@Test
	void theSessionsEndpointListsTouchesStopsAndTerminates() {
		this.runner
			.withPropertyValues("exatlas.orchestrator.enabled=true",
					"management.endpoints.web.exposure.include=computesessions")
			.run((context) -> {
				ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
				MockComputeProvider mock = context.getBean(MockComputeProvider.class);
				String id = orchestrator.spawn(ComputeRequest.builder().gpu("l4").httpPort(8000).build(),
						SessionOptions.forUser("carol")).id();
				ComputeSessionsEndpoint endpoint = context.getBean(ComputeSessionsEndpoint.class);
				assertThat(endpoint.sessions().sessions()).singleElement().satisfies((session) -> {
					assertThat(session.id()).isEqualTo(id);
					assertThat(session.userId()).isEqualTo("carol");
					assertThat(session.provider()).isEqualTo("mock");
					assertThat(session.gpuType()).isEqualTo("l4");
					assertThat(session.idleTtlSeconds()).isEqualTo(1800);
					assertThat(session.ports()).containsExactly("https://" + id + "-8000.mock.local");
				});
				assertThat(endpoint.action(id, "touch")).isNotNull();
				endpoint.action(id, "stop");
				assertThat(mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.STOPPED);
				assertThat(orchestrator.get(id)).isPresent();
				endpoint.terminate(id);
				assertThat(mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.TERMINATED);
				assertThat(endpoint.session(id)).isNull();
				assertThat(endpoint.action("unknown", "touch")).isNull();
			});
	}

}
