package io.exatlas.providers.http;

import java.time.Clock;
import java.util.Objects;

import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.pacing.Pacer;
import reactor.core.scheduler.Scheduler;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.DefaultUriBuilderFactory;

/**
 * Builds {@link ProviderHttpClient}s. Each gets a WebClient cloned from the application's {@code WebClient.Builder}
 * (so its customizers and observations apply) with a connector from the application's
 * {@code ClientHttpConnectorBuilder} (so its HTTP library and SSL settings apply), configured with the provider's
 * base URL, connect/read timeouts and response size limit.
 */
public final class ProviderHttpClientFactory {

	private final WebClient.Builder webClientBuilder;

	private final ClientHttpConnectorBuilder<?> connectorBuilder;

	private final HttpClientSettings baseSettings;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Scheduler retryScheduler;

	private final Pacer pacer;

	/**
	 * Create the factory.
	 * @param webClientBuilder the application's builder (cloned for every client)
	 * @param connectorBuilder builds the HTTP connector
	 * @param baseSettings the application's HTTP client settings, overridden per provider by its timeouts
	 * @param events where request events go
	 * @param clock stamps events and evaluates {@code Retry-After} dates
	 * @param retryScheduler waits between retries
	 */
	public ProviderHttpClientFactory(WebClient.Builder webClientBuilder, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings baseSettings, ExAtlasEventPublisher events, Clock clock, Scheduler retryScheduler) {
		this(webClientBuilder, connectorBuilder, baseSettings, events, clock, retryScheduler,
				Pacer.none(retryScheduler));
	}

	/**
	 * Create the factory with client-side pacing.
	 * @param webClientBuilder the application's builder (cloned for every client)
	 * @param connectorBuilder builds the HTTP connector
	 * @param baseSettings the application's HTTP client settings, overridden per provider by its timeouts
	 * @param events where request events go
	 * @param clock stamps events and evaluates {@code Retry-After} dates
	 * @param retryScheduler waits between retries
	 * @param pacer paces every request of every client
	 */
	public ProviderHttpClientFactory(WebClient.Builder webClientBuilder, ClientHttpConnectorBuilder<?> connectorBuilder,
			HttpClientSettings baseSettings, ExAtlasEventPublisher events, Clock clock, Scheduler retryScheduler,
			Pacer pacer) {
		this.webClientBuilder = Objects.requireNonNull(webClientBuilder, "webClientBuilder");
		this.connectorBuilder = Objects.requireNonNull(connectorBuilder, "connectorBuilder");
		this.baseSettings = Objects.requireNonNull(baseSettings, "baseSettings");
		this.events = Objects.requireNonNull(events, "events");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.retryScheduler = Objects.requireNonNull(retryScheduler, "retryScheduler");
		this.pacer = Objects.requireNonNull(pacer, "pacer");
	}

	/**
	 * Start building a client for one provider API.
	 * @param provider the provider id
	 * @param api which API
	 * @param settings its connection settings
	 * @return a builder
	 */
	public Builder client(String provider, ProviderApi api, HttpProviderSettings settings) {
		return new Builder(provider, api, settings);
	}

	/**
	 * Builds one {@link ProviderHttpClient}.
	 */
	public final class Builder {

		private final String provider;

		private final ProviderApi api;

		private final HttpProviderSettings settings;

		private RequestAuthentication authentication = RequestAuthentication.bearer();

		private CredentialSource credentials = CredentialSource.none();

		private String missingCredentialHint = "pass an API key with CallOptions";

		private ErrorDecoder errorDecoder = ErrorDecoder.standard();

		private Builder(String provider, ProviderApi api, HttpProviderSettings settings) {
			this.provider = provider;
			this.api = api;
			this.settings = settings;
		}

		/**
		 * How the credential goes on requests (default: bearer header).
		 * @param authentication the scheme
		 * @return this builder
		 */
		public Builder authentication(RequestAuthentication authentication) {
			this.authentication = authentication;
			return this;
		}

		/**
		 * Where the configured credential comes from, and what to tell users when there is none.
		 * @param credentials the source
		 * @param missingCredentialHint e.g. "set exatlas.providers.runpod.api-key or RUNPOD_API_KEY"
		 * @return this builder
		 */
		public Builder credentials(CredentialSource credentials, String missingCredentialHint) {
			this.credentials = credentials;
			this.missingCredentialHint = missingCredentialHint;
			return this;
		}

		/**
		 * How error responses are read (default: {@link ErrorDecoder#standard()}).
		 * @param errorDecoder the decoder
		 * @return this builder
		 */
		public Builder errorDecoder(ErrorDecoder errorDecoder) {
			this.errorDecoder = errorDecoder;
			return this;
		}

		/**
		 * Build the client.
		 * @return the client
		 */
		public ProviderHttpClient build() {
			DefaultUriBuilderFactory uriFactory = new DefaultUriBuilderFactory(this.settings.baseUrl());
			// Never follow redirects: a followed create would re-send its body, generated pod secret included, to
			// whatever host the answer names, and take that host's answer for the resource.
			HttpClientSettings connection = ProviderHttpClientFactory.this.baseSettings
				.withTimeouts(this.settings.connectTimeout(), this.settings.readTimeout())
				.withRedirects(HttpRedirects.DONT_FOLLOW);
			WebClient.Builder builder = ProviderHttpClientFactory.this.webClientBuilder.clone()
				.uriBuilderFactory(uriFactory)
				.clientConnector(ProviderHttpClientFactory.this.connectorBuilder.build(connection))
				.codecs((codecs) -> codecs.defaultCodecs()
					.maxInMemorySize(Math.toIntExact(this.settings.maxInMemorySize().toBytes())));
			if (!this.authentication.sensitiveQueryParameters().isEmpty()) {
				builder.observationConvention(new RedactingClientRequestObservationConvention(
						this.authentication.sensitiveQueryParameters()));
			}
			return new ProviderHttpClient(this.provider, this.api, builder.build(), uriFactory, this.authentication,
					this.credentials, this.missingCredentialHint, this.settings.retry(), this.settings.callTimeout(),
					this.errorDecoder,
					ProviderHttpClientFactory.this.events, ProviderHttpClientFactory.this.clock,
					ProviderHttpClientFactory.this.retryScheduler, ProviderHttpClientFactory.this.pacer);
		}

	}

}
