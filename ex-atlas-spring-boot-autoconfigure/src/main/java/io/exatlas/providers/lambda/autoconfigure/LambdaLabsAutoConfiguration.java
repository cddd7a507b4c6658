package io.exatlas.providers.lambda.autoconfigure;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.providers.BuiltinProvider;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.autoconfigure.HttpProviderClients;
import io.exatlas.providers.lambda.LambdaLabsClient;
import io.exatlas.providers.lambda.LambdaLabsComputeProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The Lambda Cloud provider (id {@code lambda-labs}) and its API client, registered unless
 * {@code exatlas.providers.lambda-labs.enabled=false}.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.providers.lambda-labs.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LambdaLabsProperties.class)
public final class LambdaLabsAutoConfiguration {

	static final String API_KEY_VARIABLE = BuiltinProvider.LAMBDA_LABS.credentialVariable().orElseThrow();

	@Bean
	@ConditionalOnMissingBean
	LambdaLabsClient lambdaLabsClient(ProviderHttpClientFactory clients, LambdaLabsProperties properties,
			ExAtlasProperties core, Environment environment) {
		return new LambdaLabsClient(HttpProviderClients
			.builder(clients, properties, LambdaLabsComputeProvider.ID, ProviderApi.MANAGEMENT, properties.getBaseUrl(), core,
					environment, API_KEY_VARIABLE)
			.errorDecoder(LambdaLabsComputeProvider.ERROR_DECODER)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	LambdaLabsComputeProvider lambdaLabsComputeProvider(LambdaLabsClient client, GpuCatalog catalog,
			LambdaLabsProperties properties) {
		return new LambdaLabsComputeProvider(client, catalog,
				StringUtils.hasText(properties.getSshKeyName()) ? properties.getSshKeyName() : null);
	}

}
