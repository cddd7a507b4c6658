package io.exatlas.readiness.autoconfigure;

import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.readiness.ComputeReadiness;
import io.exatlas.readiness.ReactiveReadiness;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Readiness probes: {@link ReactiveReadiness} and {@link ComputeReadiness}. Their HTTP checks use a WebClient of
 * their own, built from the application's {@code WebClient.Builder} (its customizers and observations), never a
 * provider's client: a cloud's credential never goes to a pod.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class,
		afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
public final class ReadinessAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ReactiveReadiness reactiveReadiness(ReactiveExAtlas exatlas, ObjectProvider<WebClient.Builder> webClient,
			ObjectProvider<ObservationRegistry> observations) {
		return new ReactiveReadiness(exatlas, webClient.getIfAvailable(WebClient::builder).build(),
				Schedulers.parallel(), observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

	@Bean
	@ConditionalOnMissingBean
	ComputeReadiness computeReadiness(ReactiveReadiness reactive) {
		return new ComputeReadiness(reactive);
	}

}
