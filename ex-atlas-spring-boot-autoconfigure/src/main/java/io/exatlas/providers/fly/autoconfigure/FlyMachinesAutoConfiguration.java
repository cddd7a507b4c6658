package io.exatlas.providers.fly.autoconfigure;

import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.fly.FlyAuthorization;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.providers.BuiltinProvider;
import io.exatlas.providers.fly.FlyGuest;
import io.exatlas.providers.fly.FlyMachinesClient;
import io.exatlas.providers.fly.FlyMachinesComputeProvider;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.autoconfigure.HttpProviderClients;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Fly.io Machines provider (id {@code fly}) and its API client, registered unless
 * {@code exatlas.providers.fly.enabled=false}. When the Fly token chain is configured, it is the last source of the
 * token (for the configured app).
 */
@AutoConfiguration(after = { ExAtlasAutoConfiguration.class, FlyTokensAutoConfiguration.class })
@ConditionalOnBooleanProperty(name = "exatlas.providers.fly.enabled", matchIfMissing = true)
@EnableConfigurationProperties(FlyMachinesProperties.class)
public final class FlyMachinesAutoConfiguration {

	static final String TOKEN_VARIABLE = BuiltinProvider.FLY.credentialVariable().orElseThrow();

	@Bean
	@ConditionalOnMissingBean
	FlyMachinesClient flyMachinesClient(ProviderHttpClientFactory clients, FlyMachinesProperties properties,
			ExAtlasProperties core, Environment environment, ObjectProvider<FlyTokens> tokens) {
		CredentialSource configured = properties.toCredentialSource(environment, TOKEN_VARIABLE);
		CredentialSource credentials = () -> configured.resolve().switchIfEmpty(Mono.defer(() -> {
			FlyTokens chain = tokens.getIfAvailable();
			String app = app(properties);
			return (chain != null && app != null) ? chain.reactive().get(app).map(FlyToken::token) : Mono.empty();
		}));
		return new FlyMachinesClient(HttpProviderClients
			.builder(clients, properties, FlyMachinesComputeProvider.ID, ProviderApi.MANAGEMENT, properties.getBaseUrl(), core,
					environment, TOKEN_VARIABLE)
			.credentials(credentials, "set exatlas.providers.fly.api-key or the " + TOKEN_VARIABLE
					+ " environment variable, or configure exatlas.providers.fly.app for the Fly token chain")
			.authentication(FlyAuthorization.requestAuthentication())
			.errorDecoder(FlyMachinesComputeProvider.ERROR_DECODER)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	FlyMachinesComputeProvider flyMachinesComputeProvider(FlyMachinesClient client, FlyMachinesProperties properties) {
		return new FlyMachinesComputeProvider(client, app(properties),
				new FlyGuest(properties.getCpuKind(), properties.getCpus(), properties.getMemoryMb()),
				properties.getVolumeMountPath(), properties.getWaitForStarted());
	}

	private static @Nullable String app(FlyMachinesProperties properties) {
		return StringUtils.hasText(properties.getApp()) ? properties.getApp() : null;
	}

}
