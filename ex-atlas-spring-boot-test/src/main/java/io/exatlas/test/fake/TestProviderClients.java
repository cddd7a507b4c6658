package io.exatlas.test.fake;

import java.time.Clock;
import java.time.Duration;

import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.RetryPolicy;
import io.exatlas.test.event.RecordingEventPublisher;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds provider HTTP clients for tests against fake clouds: real WebClient and Reactor Netty, three retries whose
 * delays are recorded instead of waited, every request event recorded.
 */
public final class TestProviderClients {

	/** The recorded events. */
	public final RecordingEventPublisher events = new RecordingEventPublisher();

	/** The recorded retry delays. */
	public final DelayRecordingScheduler retryDelays = new DelayRecordingScheduler();

	private final ProviderHttpClientFactory factory = new ProviderHttpClientFactory(WebClient.builder(),
			ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(), this.events, Clock.systemUTC(),
			this.retryDelays);

	/**
	 * A client builder for one API of a provider.
	 * @param provider the provider id
	 * @param api the API
	 * @param baseUrl the fake's URL
	 * @param readTimeout the read timeout
	 * @param key the API key the client sends
	 * @return the builder (set an error decoder or authentication, then build)
	 */
	public ProviderHttpClientFactory.Builder client(String provider, ProviderApi api, String baseUrl,
			Duration readTimeout, String key) {
		RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(1), 0, Duration.ofSeconds(30),
				RetryPolicy.DEFAULT_RETRYABLE_STATUSES);
		return this.factory
			.client(provider, api,
					new HttpProviderSettings(baseUrl, Duration.ofSeconds(2), readTimeout, DataSize.ofMegabytes(1), retry))
			.credentials(CredentialSource.of(() -> key), "set the test key");
	}

	/**
	 * A client builder with a 5 second read timeout.
	 * @param provider the provider id
	 * @param baseUrl the fake's URL
	 * @param key the API key
	 * @return the builder
	 */
	public ProviderHttpClientFactory.Builder client(String provider, String baseUrl, String key) {
		return client(provider, baseUrl, Duration.ofSeconds(5), key);
	}

	/**
	 * A client builder for a provider's management API.
	 * @param provider the provider id
	 * @param baseUrl the fake's URL
	 * @param readTimeout the read timeout
	 * @param key the API key
	 * @return the builder
	 */
	public ProviderHttpClientFactory.Builder client(String provider, String baseUrl, Duration readTimeout, String key) {
		return client(provider, ProviderApi.MANAGEMENT, baseUrl, readTimeout, key);
	}

}
