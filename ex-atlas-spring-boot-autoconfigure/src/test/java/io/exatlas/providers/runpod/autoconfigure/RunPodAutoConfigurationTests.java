package io.exatlas.providers.runpod.autoconfigure;

import java.util.List;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.providers.runpod.FakeRunPod;
import io.exatlas.providers.runpod.RunPodComputeProvider;
import io.exatlas.providers.runpod.RunPodGraphQlClient;
import io.exatlas.providers.runpod.RunPodRestClient;
import io.exatlas.providers.runpod.RunPodRuntimeClient;
import io.exatlas.test.fake.FakeCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunPodAutoConfigurationTests {

	private final FakeRunPod fake = new FakeRunPod();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				RunPodAutoConfiguration.class))
		.withPropertyValues("exatlas.providers.runpod.base-url=" + this.fake.managementUrl(),
				"exatlas.providers.runpod.runtime-base-url=" + this.fake.runtimeUrl(),
				"exatlas.providers.runpod.graphql-url=" + this.fake.graphqlUrl());

	@AfterEach
	void close() {
		this.fake.close();
	}

	@Test
	void runPodIsRegisteredByDefaultAndCanBeDisabled() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RunPodComputeProvider.class)
				.hasSingleBean(RunPodRestClient.class)
				.hasSingleBean(RunPodRuntimeClient.class)
				.hasSingleBean(RunPodGraphQlClient.class);
			assertThat(context.getBean(ComputeProviders.class).ids()).containsExactly("mock", "runpod");
		});
		this.runner.withPropertyValues("exatlas.providers.runpod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(RunPodComputeProvider.class));
	}

	@Test
	void theKeyComesFromThePropertyOrTheEnvironmentVariable() {
		this.runner.withPropertyValues("exatlas.default-provider=runpod", "exatlas.providers.runpod.api-key=" + FakeRunPod.KEY)
			.run((context) -> assertThat(context.getBean(ExAtlas.class).list(ComputeFilter.all())).isEmpty());
		this.runner.withPropertyValues("exatlas.default-provider=runpod", "RUNPOD_API_KEY=" + FakeRunPod.KEY)
			.run((context) -> assertThat(context.getBean(ExAtlas.class).list(ComputeFilter.all())).isEmpty());
		assertThat(this.fake.exchanges()).extracting(FakeCloud.Exchange::authorization)
			.containsOnly("Bearer " + FakeRunPod.KEY);
	}

	@Test
	void withoutAKeyCallsFailBeforeAnyRequest() {
		this.runner.withPropertyValues("exatlas.default-provider=runpod").run((context) -> {
			assertThatExceptionOfType(ExAtlasException.class)
				.isThrownBy(() -> context.getBean(ExAtlas.class).list(ComputeFilter.all()))
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
					assertThat(ex.getMessage()).contains("exatlas.providers.runpod.api-key", "RUNPOD_API_KEY");
				});
			assertThat(this.fake.exchanges()).isEmpty();
		});
	}

	@Test
	void swappingProvidersIsOneProperty() {
		this.runner.withPropertyValues("exatlas.default-provider=runpod", "RUNPOD_API_KEY=" + FakeRunPod.KEY)
			.run((context) -> {
				Compute compute = context.getBean(ExAtlas.class)
					.spawn(io.exatlas.compute.ComputeRequest.builder().gpu("h100").image("x").build());
				assertThat(compute.provider()).isEqualTo("runpod");
				assertThat(compute.name()).startsWith("atlas-");
				List<GpuType> gpus = context.getBean(ExAtlas.class).listGpuTypes();
				assertThat(gpus).isNotEmpty();
			});
		this.runner.withPropertyValues("exatlas.default-provider=mock")
			.run((context) -> assertThat(context.getBean(ExAtlas.class)
				.spawn(io.exatlas.compute.ComputeRequest.builder().gpu("h100").image("x").build())
				.provider()).isEqualTo("mock"));
	}

}
