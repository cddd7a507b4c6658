package io.exatlas.providers.mock.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.mock.MockComputeProvider;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Registers the in-memory mock provider (id {@code mock}) unless {@code exatlas.providers.mock.enabled=false}.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.providers.mock.enabled", matchIfMissing = true)
@EnableConfigurationProperties(MockProviderProperties.class)
public final class MockProviderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MockComputeProvider mockComputeProvider(GpuCatalog catalog, MockProviderProperties properties,
			ObjectProvider<Clock> clock) {
		return new MockComputeProvider(catalog, clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				properties.getJobStepDelay(), properties.getJobSteps());
	}

}
