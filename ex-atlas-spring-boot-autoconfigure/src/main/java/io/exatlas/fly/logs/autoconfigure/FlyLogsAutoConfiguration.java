package io.exatlas.fly.logs.autoconfigure;

import java.time.Clock;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAuthorization;
import io.exatlas.fly.autoconfigure.FlyProperties;
import io.exatlas.fly.logs.FlyLogTail;
import io.exatlas.fly.logs.FlyLogsClient;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import reactor.core.scheduler.Schedulers;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Fly.io logs: the log client (its token comes from the Fly token chain, so it needs one) and the shared live tails
 * over it ({@code exatlas.fly.logs.*}).
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class })
@EnableConfigurationProperties(FlyProperties.class)
public final class FlyLogsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyTokens.class)
	FlyLogsClient flyLogsClient(ProviderHttpClientFactory clients, FlyProperties properties, ExAtlasProperties core,
			FlyTokens tokens, ExAtlasEventPublisher events, ObjectProvider<Clock> clock) {
		return new FlyLogsClient(
				clients.client("fly", ProviderApi.PLATFORM, properties.getLogs().toSettings(core.getHttp()))
					.credentials(CredentialSource.none(), "the Fly token chain supplies the token")
					.authentication(FlyAuthorization.requestAuthentication())
					.build(),
				tokens.reactive(), events, clock.getIfAvailable(Clock::systemUTC));
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	@ConditionalOnBean(FlyLogsClient.class)
	FlyLogTail flyLogTail(FlyLogsClient client, FlyProperties properties) {
		FlyProperties.Logs logs = properties.getLogs();
		return new FlyLogTail(client, logs.getPollInterval(), logs.getMaxBackoff(), logs.getBufferSize(),
				logs.getOverflow(), Schedulers.parallel());
	}

}
