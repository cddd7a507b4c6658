package io.exatlas.providers.runpod.autoconfigure;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.providers.BuiltinProvider;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.autoconfigure.HttpProviderClients;
import io.exatlas.providers.runpod.RunPodComputeProvider;
import io.exatlas.providers.runpod.RunPodGraphQlClient;
import io.exatlas.providers.runpod.RunPodRestClient;
import io.exatlas.providers.runpod.RunPodRuntimeClient;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The RunPod provider (id {@code runpod}) and its three API clients, registered unless
 * {@code exatlas.providers.runpod.enabled=false}.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.providers.runpod.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RunPodProperties.class)
public final class RunPodAutoConfiguration {

	static final String API_KEY_VARIABLE = BuiltinProvider.RUNPOD.credentialVariable().orElseThrow();

	static final String MISSING_KEY_HINT = "set exatlas.providers.runpod.api-key or the " + API_KEY_VARIABLE
			+ " environment variable, or pass one with CallOptions.withApiKey";

	@Bean
	@ConditionalOnMissingBean
	RunPodRestClient runPodRestClient(ProviderHttpClientFactory clients, RunPodProperties properties,
			ExAtlasProperties core, Environment environment) {
		return new RunPodRestClient(HttpProviderClients
			.builder(clients, properties, RunPodComputeProvider.ID, ProviderApi.MANAGEMENT, properties.getBaseUrl(), core,
					environment, API_KEY_VARIABLE)
			.errorDecoder(RunPodComputeProvider.ERROR_DECODER)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	RunPodRuntimeClient runPodRuntimeClient(ProviderHttpClientFactory clients, RunPodProperties properties,
			ExAtlasProperties core, Environment environment) {
		return new RunPodRuntimeClient(clients
			.client(RunPodComputeProvider.ID, ProviderApi.RUNTIME,
					properties.toSettings(properties.getRuntimeBaseUrl(), core.getHttp())
						.withReadTimeout(properties.getRuntimeReadTimeout()))
			.credentials(credentials(properties, environment), MISSING_KEY_HINT)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	RunPodGraphQlClient runPodGraphQlClient(ProviderHttpClientFactory clients, RunPodProperties properties,
			ExAtlasProperties core, Environment environment) {
		return new RunPodGraphQlClient(HttpProviderClients
			.builder(clients, properties, RunPodComputeProvider.ID, ProviderApi.GRAPHQL, properties.getGraphqlUrl(), core,
					environment, API_KEY_VARIABLE)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	RunPodComputeProvider runPodComputeProvider(RunPodRestClient rest, RunPodRuntimeClient runtime,
			RunPodGraphQlClient graphql, GpuCatalog catalog, RunPodProperties properties) {
		return new RunPodComputeProvider(rest, runtime, graphql, catalog, properties.toSettings(),
				Schedulers.parallel());
	}

	private static CredentialSource credentials(RunPodProperties properties, Environment environment) {
		return properties.toCredentialSource(environment, API_KEY_VARIABLE);
	}

}
