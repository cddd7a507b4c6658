package io.exatlas.providers.vast.autoconfigure;

import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.providers.BuiltinProvider;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.autoconfigure.HttpProviderClients;
import io.exatlas.providers.vast.VastClient;
import io.exatlas.providers.vast.VastComputeProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The Vast.ai provider (id {@code vast}) and its API client, registered unless
 * {@code exatlas.providers.vast.enabled=false}.
 */
@AutoConfiguration(after = ExAtlasAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "exatlas.providers.vast.enabled", matchIfMissing = true)
@EnableConfigurationProperties(VastProperties.class)
public final class VastAutoConfiguration {

	static final String API_KEY_VARIABLE = BuiltinProvider.VAST.credentialVariable().orElseThrow();

	@Bean
	@ConditionalOnMissingBean
	VastClient vastClient(ProviderHttpClientFactory clients, VastProperties properties, ExAtlasProperties core,
			Environment environment) {
		return new VastClient(HttpProviderClients
			.builder(clients, properties, VastComputeProvider.ID, ProviderApi.MANAGEMENT, properties.getBaseUrl(), core,
					environment, API_KEY_VARIABLE)
			.errorDecoder(VastComputeProvider.ERROR_DECODER)
			.build());
	}

	@Bean
	@ConditionalOnMissingBean
	VastComputeProvider vastComputeProvider(VastClient client, GpuCatalog catalog, VastProperties properties) {
		return new VastComputeProvider(client, catalog, properties.getDefaultDiskGb(), properties.getOffersTried());
	}

}
