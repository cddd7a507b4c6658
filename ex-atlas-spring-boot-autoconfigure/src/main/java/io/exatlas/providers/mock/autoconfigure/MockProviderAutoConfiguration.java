package io.exatlas.providers.mock.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.providers.mock.MockComputeProvider;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;

/**
 * Registers the in-memory mock provider (id {@code mock}) when {@code exatlas.providers.mock.enabled} is true, or,
 * when that is unset, when the mock is the default provider or no cloud provider is configured.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@Conditional(OnMockProviderWanted.class)
@EnableConfigurationProperties(MockProviderProperties.class)
public final class MockProviderAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MockComputeProvider mockComputeProvider(GpuCatalog catalog, MockProviderProperties properties,
			ObjectProvider<Clock> clock) {
		MockComputeProvider mock = new MockComputeProvider(catalog, clock.getIfAvailable(Clock::systemUTC),
				Schedulers.parallel(), properties.getJobStepDelay(), properties.getJobSteps());
		mock.offers(properties.toOffers());
		return mock;
	}

}
