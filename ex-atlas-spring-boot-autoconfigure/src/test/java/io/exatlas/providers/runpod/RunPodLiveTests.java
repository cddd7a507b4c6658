package io.exatlas.providers.runpod;

import java.util.List;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.runpod.autoconfigure.RunPodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Against the real RunPod account of whoever runs it: {@code RUNPOD_API_KEY=… ./mvnw -Plive -pl
 * ex-atlas-spring-boot-autoconfigure test}. Read-only unless {@code EXATLAS_LIVE_SPAWN=true}, which spawns the
 * cheapest community RTX 3090 pod and terminates it.
 */
@EnabledIfEnvironmentVariable(named = "RUNPOD_API_KEY", matches = ".+")
class RunPodLiveTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, RunPodAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=runpod");

	@Test
	void listsPodsAndPricedGpuTypes() {
		this.runner.run((context) -> {
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			assertThat(exatlas.list(ComputeFilter.all())).isNotNull();
			List<GpuType> gpus = exatlas.listGpuTypes();
			assertThat(gpus).isNotEmpty().anySatisfy((gpu) -> assertThat(gpu.onDemandPricePerHour()).isNotNull());
		});
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "EXATLAS_LIVE_SPAWN", matches = "true")
	void spawnsAndTerminatesAPod() {
		this.runner.run((context) -> {
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			Compute pod = exatlas.spawn(ComputeRequest.builder()
				.gpu("rtx_3090")
				.cloudType(io.exatlas.compute.CloudType.COMMUNITY)
				.image("nginx:alpine")
				.httpPort(80)
				.build());
			try {
				assertThat(pod.url(80)).isPresent();
				assertThat(exatlas.get(pod.id()).status()).isIn(ComputeStatus.PROVISIONING, ComputeStatus.RUNNING);
			}
			finally {
				exatlas.terminate(pod.id());
			}
		});
	}

}
