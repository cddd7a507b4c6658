package io.exatlas.providers.http.autoconfigure;

import io.exatlas.compute.autoconfigure.ExAtlasProperties;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;

import org.springframework.core.env.Environment;

/**
 * Starts the client of one of a provider's APIs from its properties, the way every built-in provider's
 * auto-configuration does: the settings from {@link HttpProviderProperties#toSettings} and the key from the
 * {@code api-key} property or the provider's environment variable.
 */
public final class HttpProviderClients {

	private HttpProviderClients() {
	}

	/**
	 * A client builder for one of the provider's APIs.
	 * @param clients the factory
	 * @param properties the provider's properties
	 * @param provider the provider id, also the property segment ({@code exatlas.providers.<id>})
	 * @param api the API
	 * @param baseUrl the API's base URL
	 * @param core the global settings
	 * @param environment the Spring environment
	 * @param variable the API key's environment variable
	 * @return the builder, with settings and credentials set
	 */
	public static ProviderHttpClientFactory.Builder builder(ProviderHttpClientFactory clients,
			HttpProviderProperties properties, String provider, ProviderApi api, String baseUrl,
			ExAtlasProperties core, Environment environment, String variable) {
		return clients.client(provider, api, properties.toSettings(baseUrl, core.getHttp()))
			.credentials(properties.toCredentialSource(environment, variable), "set exatlas.providers." + provider
					+ ".api-key or the " + variable + " environment variable, or pass one with CallOptions.withApiKey");
	}

}
