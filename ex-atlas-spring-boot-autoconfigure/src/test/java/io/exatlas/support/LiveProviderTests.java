package io.exatlas.support;

import java.util.List;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Opt-in checks against a real cloud account, run with {@code ./mvnw -Plive -pl ex-atlas-spring-boot-autoconfigure
 * test} and the provider's key in the environment (subclasses are skipped without it). Read-only unless
 * {@code EXATLAS_LIVE_SPAWN=true}, which spawns {@link #spawnRequest()} and always terminates it.
 */
public abstract class LiveProviderTests {

	/**
	 * The provider id.
	 * @return the id
	 */
	protected abstract String provider();

	/**
	 * The provider's auto-configuration.
	 * @return the class
	 */
	protected abstract Class<?> autoConfiguration();

	/**
	 * A small, cheap request for the spawn check.
	 * @return the request
	 */
	protected abstract ComputeRequest spawnRequest();

	/**
	 * Extra properties, e.g. the Fly app or the Lambda SSH key (from the environment).
	 * @return {@code key=value} pairs
	 */
	protected String[] properties() {
		return new String[0];
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, autoConfiguration()))
			.withPropertyValues("exatlas.default-provider=" + provider())
			.withPropertyValues(properties());
	}

	@Test
	void listsResourcesAndGpuTypes() {
		runner().run((context) -> {
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			assertThat(exatlas.list(ComputeFilter.all())).isNotNull();
			if (context.getBean(ComputeProviders.class).resolve(provider()).supportedOperations()
				.contains(ComputeOperation.LIST_GPU_TYPES)) {
				List<GpuType> gpus = exatlas.listGpuTypes();
				assertThat(gpus).isNotEmpty().allSatisfy((gpu) -> assertThat(gpu.provider()).isEqualTo(provider()));
			}
		});
	}

	@Test
	@EnabledIfEnvironmentVariable(named = "EXATLAS_LIVE_SPAWN", matches = "true")
	void spawnsAndTerminates() {
		runner().run((context) -> {
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			Compute compute = exatlas.spawn(spawnRequest());
			try {
				assertThat(exatlas.get(compute.id()).status()).isIn(ComputeStatus.PROVISIONING, ComputeStatus.RUNNING);
			}
			finally {
				exatlas.terminate(compute.id());
			}
		});
	}

}
