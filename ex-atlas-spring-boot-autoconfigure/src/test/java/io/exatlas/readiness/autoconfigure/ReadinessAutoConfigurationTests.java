package io.exatlas.readiness.autoconfigure;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.readiness.ComputeReadiness;
import io.exatlas.readiness.Readiness;
import io.exatlas.readiness.ReactiveReadiness;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Readiness is configured with the facade, and a mock resource is ready once running with its port published.
 */
class ReadinessAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				ReadinessAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock");

	@Test
	void aMockResourceIsReadyOnceRunningWithItsPortPublished() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(ReactiveReadiness.class).hasSingleBean(ComputeReadiness.class);
			Compute spawned = context.getBean(ExAtlas.class)
				.spawn(ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").httpPort(8000).build());
			Compute ready = context.getBean(ComputeReadiness.class)
				.await(spawned, Readiness.running().then(Readiness.port(8000)));
			assertThat(ready.status()).isEqualTo(ComputeStatus.RUNNING);
			assertThat(ready.url(8000)).isPresent();
		});
	}

}
