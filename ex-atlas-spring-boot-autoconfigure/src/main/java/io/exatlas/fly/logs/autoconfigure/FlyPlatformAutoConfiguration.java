package io.exatlas.fly.logs.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAuthorization;
import io.exatlas.fly.autoconfigure.FlyProperties;
import io.exatlas.fly.deploy.FlyDeployer;
import io.exatlas.fly.logs.FlyLogTail;
import io.exatlas.fly.logs.FlyLogsClient;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.micrometer.observation.ObservationRegistry;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Fly.io platform operations beyond tokens: the log client and live tails (with the token chain) and deploys with
 * the fly CLI.
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class })
@EnableConfigurationProperties(FlyProperties.class)
public final class FlyPlatformAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyTokens.class)
	FlyLogsClient flyLogsClient(ProviderHttpClientFactory clients, FlyProperties properties, ExAtlasProperties core,
			FlyTokens tokens, ExAtlasEventPublisher events, ObjectProvider<Clock> clock) {
		ExAtlasProperties.Http http = core.getHttp();
		HttpProviderSettings settings = new HttpProviderSettings(properties.getLogs().getBaseUrl(),
				http.getConnectTimeout(), http.getReadTimeout(), http.getMaxInMemorySize(), http.getRetry().toPolicy());
		return new FlyLogsClient(clients.client("fly", ProviderApi.PLATFORM, settings)
			.credentials(CredentialSource.none(), "the Fly token chain supplies the token")
			.authentication(FlyAuthorization.requestAuthentication())
			.build(), tokens.reactive(), events, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyLogsClient.class)
	FlyLogTail flyLogTail(FlyLogsClient client, FlyProperties properties) {
		FlyProperties.Logs logs = properties.getLogs();
		return new FlyLogTail(client, logs.getPollInterval(), logs.getMaxBackoff(), logs.getBufferSize(),
				logs.getOverflow(), Schedulers.parallel());
	}

	@Bean
	@ConditionalOnMissingBean
	FlyDeployer flyDeployer(FlyProperties properties, ExAtlasEventPublisher events, ObjectProvider<Clock> clock,
			ObjectProvider<ObservationRegistry> observations) {
		FlyProperties.Deploy deploy = properties.getDeploy();
		return new FlyDeployer(properties.getCli(), deploy.getTimeout(), deploy.getActivityTimeout(),
				deploy.getMaxDuration(), events, clock.getIfAvailable(Clock::systemUTC), Schedulers.parallel(),
				observations.getIfAvailable(() -> ObservationRegistry.NOOP));
	}

}
