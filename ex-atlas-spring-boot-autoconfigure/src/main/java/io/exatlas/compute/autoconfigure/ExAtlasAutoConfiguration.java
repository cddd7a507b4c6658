package io.exatlas.compute.autoconfigure;

import java.time.Clock;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.compute.observation.ComputeOperationObservationConvention;
import io.exatlas.event.ApplicationExAtlasEventPublisher;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.pacing.Pacer;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The core of ExAtlas: event publisher, GPU catalog, provider registry, the compute facades and the shared HTTP
 * plumbing. Ordered after Boot's WebClient and HTTP client auto-configurations so that provider clients are built
 * from the application's {@code WebClient.Builder} and connector settings.
 */
@AutoConfiguration(afterName = {
		"org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration",
		"org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration",
		"org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration" })
@EnableConfigurationProperties(ExAtlasProperties.class)
public final class ExAtlasAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ExAtlasEventPublisher.class)
	ApplicationExAtlasEventPublisher exAtlasEventPublisher(ApplicationEventPublisher applicationEventPublisher) {
		return new ApplicationExAtlasEventPublisher(applicationEventPublisher);
	}

	@Bean
	@ConditionalOnMissingBean
	GpuCatalog exAtlasGpuCatalog(ExAtlasProperties properties) {
		return GpuCatalog.builtIn().with(properties.getGpuCatalog());
	}

	@Bean
	@ConditionalOnMissingBean
	ComputeProviders exAtlasComputeProviders(ObjectProvider<ComputeProvider> providers,
			ExAtlasProperties properties) {
		return new ComputeProviders(providers.orderedStream().toList(), properties.getDefaultProvider());
	}

	@Bean
	@ConditionalOnMissingBean(ReactiveExAtlas.class)
	DefaultReactiveExAtlas reactiveExAtlas(ComputeProviders providers, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock, ExAtlasProperties properties, ObjectProvider<ObservationRegistry> observations,
			ObjectProvider<ComputeOperationObservationConvention> convention, IdempotentSpawns idempotentSpawns) {
		return new DefaultReactiveExAtlas(providers, events, clock.getIfAvailable(Clock::systemUTC),
				properties.getCompute().getNamePrefix(),
				new ComputeObservations(observations.getIfAvailable(() -> ObservationRegistry.NOOP),
						convention.getIfAvailable()),
				idempotentSpawns);
	}

	@Bean
	@ConditionalOnMissingBean(IdempotentSpawns.class)
	LocalIdempotentSpawns exAtlasIdempotentSpawns(ExAtlasProperties properties, ObjectProvider<Clock> clock,
			Environment environment) {
		if (environment.getProperty("exatlas.redis.idempotency", Boolean.class, false)) {
			throw new InvalidConfigurationException("exatlas.redis.idempotency",
					"'true' needs Spring Data Redis on the class path and a Redis connection; the library refuses "
							+ "to fall back to idempotency keys local to this instance",
					"Add spring-boot-starter-data-redis and configure spring.data.redis.*, or remove "
							+ "exatlas.redis.idempotency.");
		}
		return new LocalIdempotentSpawns(properties.getCompute().getIdempotencyWindow(),
				clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean
	@ConditionalOnMissingBean(ExAtlas.class)
	DefaultExAtlas exAtlas(ReactiveExAtlas reactiveExAtlas) {
		return new DefaultExAtlas(reactiveExAtlas);
	}

	@Bean
	@ConditionalOnMissingBean
	ProviderHttpClientFactory exAtlasProviderHttpClientFactory(ObjectProvider<WebClient.Builder> webClientBuilder,
			ObjectProvider<ClientHttpConnectorBuilder<?>> connectorBuilder,
			ObjectProvider<HttpClientSettings> httpClientSettings, ExAtlasEventPublisher events,
			ObjectProvider<Clock> clock, ObjectProvider<Pacer> pacer) {
		return new ProviderHttpClientFactory(webClientBuilder.getIfAvailable(WebClient::builder),
				connectorBuilder.getIfAvailable(ClientHttpConnectorBuilder::detect),
				httpClientSettings.getIfAvailable(HttpClientSettings::defaults), events,
				clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				pacer.getIfAvailable(() -> Pacer.none(Schedulers.parallel())));
	}

}
