package io.exatlas.pacing.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.pacing.Pacer;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The {@link Pacer} every provider client waits on ({@code exatlas.pacing.*}); before the core configuration, whose
 * HTTP client factory takes it.
 */
@AutoConfiguration(before = ExAtlasAutoConfiguration.class)
@EnableConfigurationProperties(PacingProperties.class)
public final class PacingAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	Pacer exAtlasPacer(PacingProperties properties, ObjectProvider<Clock> clock) {
		return new Pacer(properties.toSettings(), clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel());
	}

}
