package io.exatlas.admission.autoconfigure;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.admission.AdmissionDecision;
import io.exatlas.admission.MaxPricePerGpuHourPolicy;
import io.exatlas.admission.MaxSessionsPerUserPolicy;
import io.exatlas.admission.SpawnPolicy;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.placement.autoconfigure.PlacementAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Admission control from properties and beans, wired into the orchestrator; a limit that cannot work fails start-up
 * naming it.
 */
class AdmissionAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				AdmissionAutoConfiguration.class, PlacementAutoConfiguration.class, OrchestratorAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock", "exatlas.orchestrator.enabled=true");

	@Test
	void withoutLimitsEverythingIsAdmitted() {
		this.runner.run((context) -> assertThat(context.getBean(AdmissionControl.class).policies()).isEmpty());
	}

	@Test
	void theBuiltInLimitsComeFirstThenTheApplicationsPolicies() {
		SpawnPolicy mine = new SpawnPolicy() {

			@Override
			public Mono<AdmissionDecision> evaluate(io.exatlas.admission.AdmissionRequest request) {
				return Mono.just(AdmissionDecision.admit());
			}

			@Override
			public String name() {
				return "mine";
			}

		};
		this.runner
			.withPropertyValues("exatlas.admission.max-price-per-gpu-hour=3.50",
					"exatlas.admission.max-sessions-per-user=1")
			.withBean(SpawnPolicy.class, () -> mine)
			.run((context) -> {
				assertThat(context.getBean(AdmissionControl.class).policies())
					.satisfiesExactly((first) -> assertThat(first).isInstanceOf(MaxPricePerGpuHourPolicy.class),
							(second) -> assertThat(second).isInstanceOf(MaxSessionsPerUserPolicy.class),
							(third) -> assertThat(third).isSameAs(mine));
				ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
				ComputeRequest request = ComputeRequest.builder().gpu("h100").image("busybox").build();
				orchestrator.spawn(request, SessionOptions.forUser("carol"));
				assertThatExceptionOfType(ExAtlasException.class)
					.isThrownBy(() -> orchestrator.spawn(request, SessionOptions.forUser("carol")))
					.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.REJECTED));
			});
	}

	@Test
	void aLimitThatCannotWorkFailsStartUpNamingIt() {
		this.runner.withPropertyValues("exatlas.admission.max-sessions-per-user=0")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("'maxSessionsPerUser'"));
	}

}
