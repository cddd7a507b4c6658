package io.exatlas.providers.http;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.ProviderContext;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.WireJson;
import io.exatlas.pacing.Pacer;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilderFactory;

/**
 * One provider API's HTTP client, the plumbing every provider shares: it resolves the credential per request,
 * always expands URI templates (so the {@code uri} tag of {@code http.client.requests} stays bounded and path
 * variables are encoded), maps statuses and transport failures to {@link ErrorKind}s, retries idempotent requests
 * per its {@link RetryPolicy} and publishes a {@link ProviderRequestEvent} after every attempt.
 * <p>
 * Create instances with {@link ProviderHttpClientFactory}.
 */
public final class ProviderHttpClient {

	private final String provider;

	private final ProviderApi api;

	private final WebClient webClient;

	private final UriBuilderFactory uriFactory;

	private final RequestAuthentication authentication;

	private final CredentialSource credentials;

	private final String missingCredentialHint;

	private final ProviderRetries retries;

	private final ResponseClassifier classifier;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Duration callTimeout;

	private final Pacer pacer;

	ProviderHttpClient(String provider, ProviderApi api, WebClient webClient, UriBuilderFactory uriFactory,
			RequestAuthentication authentication, CredentialSource credentials, String missingCredentialHint,
			RetryPolicy retry, Duration callTimeout, ErrorDecoder errorDecoder, ExAtlasEventPublisher events, Clock clock,
			Scheduler retryScheduler, Pacer pacer) {
		this.provider = provider;
		this.api = api;
		this.webClient = webClient;
		this.uriFactory = uriFactory;
		this.authentication = authentication;
		this.credentials = credentials;
		this.missingCredentialHint = missingCredentialHint;
		this.retries = new ProviderRetries(retry, retryScheduler);
		this.classifier = new ResponseClassifier(provider, errorDecoder, clock);
		this.events = events;
		this.clock = clock;
		this.callTimeout = callTimeout;
		this.pacer = pacer;
	}

	/**
	 * The provider id this client reports in events and errors.
	 * @return the provider id
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * Start a GET request.
	 * @param uriTemplate path template relative to the base URL, e.g. {@code /pods/{id}}
	 * @param uriVariables values of the template variables, in order
	 * @return the request
	 */
	public Request get(String uriTemplate, Object... uriVariables) {
		return new Request(HttpMethod.GET, uriTemplate, uriVariables);
	}

	/**
	 * Start a POST request (not idempotent unless marked so).
	 * @param uriTemplate path template
	 * @param uriVariables template values
	 * @return the request
	 */
	public Request post(String uriTemplate, Object... uriVariables) {
		return new Request(HttpMethod.POST, uriTemplate, uriVariables);
	}

	/**
	 * Start a PUT request.
	 * @param uriTemplate path template
	 * @param uriVariables template values
	 * @return the request
	 */
	public Request put(String uriTemplate, Object... uriVariables) {
		return new Request(HttpMethod.PUT, uriTemplate, uriVariables);
	}

	/**
	 * Start a PATCH request (not idempotent unless marked so).
	 * @param uriTemplate path template
	 * @param uriVariables template values
	 * @return the request
	 */
	public Request patch(String uriTemplate, Object... uriVariables) {
		return new Request(HttpMethod.PATCH, uriTemplate, uriVariables);
	}

	/**
	 * Start a DELETE request.
	 * @param uriTemplate path template
	 * @param uriVariables template values
	 * @return the request
	 */
	public Request delete(String uriTemplate, Object... uriVariables) {
		return new Request(HttpMethod.DELETE, uriTemplate, uriVariables);
	}

	/**
	 * Run a create that must not produce duplicates. The create request is sent once; when it fails in a way that
	 * leaves its outcome unknown (a retryable status, a transport failure, a timeout) the resource may exist anyway,
	 * so {@code findExisting} (which looks it up by a client token the create carried) runs first: a found resource
	 * is the result; otherwise the create is sent again, bounded by this client's retry policy. When the lookup
	 * itself fails the create is not re-sent and the lookup's error is signalled.
	 * @param <T> the created resource
	 * @param create sends the create request once (built from a non-idempotent {@link Request})
	 * @param findExisting looks the resource up; completes empty when it does not exist
	 * @return the created (or found) resource
	 */
	public <T> Mono<T> createOnce(Mono<T> create, Mono<T> findExisting) {
		return this.retries.createOnce(create, findExisting);
	}

	/**
	 * One request to the provider. Build it, then call {@link #retrieve(ProviderContext)} or
	 * {@link #exchange(ProviderContext)}; nothing is sent until the result is subscribed.
	 */
	public final class Request {

		private final HttpMethod method;

		private final String pathTemplate;

		private final Map<String, Object> pathVariables;

		private final List<Map.Entry<String, Object>> query = new ArrayList<>();

		private final HttpHeaders headers = new HttpHeaders();

		private @Nullable JsonNode body;

		private boolean idempotent;

		private Request(HttpMethod method, String pathTemplate, Object... pathVariables) {
			this.method = method;
			this.pathTemplate = pathTemplate;
			this.pathVariables = PreparedRequest.namedVariables(pathTemplate, pathVariables);
			this.idempotent = method == HttpMethod.GET || method == HttpMethod.PUT || method == HttpMethod.DELETE
					|| method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
		}

		/**
		 * Add a query parameter; {@code null} is skipped and a collection becomes a repeated parameter.
		 * @param name the name
		 * @param value the value
		 * @return this request
		 */
		public Request query(String name, @Nullable Object value) {
			if (value instanceof Collection<?> values) {
				values.forEach((element) -> query(name, element));
			}
			else if (value != null) {
				this.query.add(Map.entry(name, value));
			}
			return this;
		}

		/**
		 * Set a JSON body (serialized with the library's wire mapper).
		 * @param body a {@link JsonNode} or any value Jackson can serialize
		 * @return this request
		 */
		public Request body(Object body) {
			this.body = (body instanceof JsonNode node) ? node : WireJson.toTree(body);
			return this;
		}

		/**
		 * Add a request header.
		 * @param name the name
		 * @param value the value
		 * @return this request
		 */
		public Request header(String name, String value) {
			this.headers.add(name, value);
			return this;
		}

		/**
		 * Declare whether re-sending the request is harmless. GET, PUT, DELETE, HEAD and OPTIONS are idempotent by
		 * default; POST and PATCH are not and are never retried unless marked (e.g. a read-only GraphQL query).
		 * @param idempotent whether the request may be retried
		 * @return this request
		 */
		public Request idempotent(boolean idempotent) {
			this.idempotent = idempotent;
			return this;
		}

		/**
		 * Send the request and return the parsed body of a 2xx response.
		 * @param context the call context (credential override)
		 * @return the body; an {@link ExAtlasException} for any other outcome
		 */
		public Mono<JsonNode> retrieve(ProviderContext context) {
			return exchange(context).map(ProviderResponse::body);
		}

		/**
		 * Send the request and bind the body of a 2xx response to a wire type.
		 * @param <T> the wire type
		 * @param context the call context
		 * @param type the wire type
		 * @return the bound body
		 */
		public <T> Mono<T> retrieve(ProviderContext context, Class<T> type) {
			return retrieve(context).map((json) -> bind(json, type));
		}

		/**
		 * Send the request and return the whole 2xx response (status, headers, body).
		 * @param context the call context
		 * @return the response; an {@link ExAtlasException} for any other outcome
		 */
		public Mono<ProviderResponse> exchange(ProviderContext context) {
			return resolveCredential(context).flatMap((credential) -> {
				PreparedRequest prepared = prepare(credential);
				List<Secret> secrets = redactable(credential, context);
				AtomicInteger attempts = new AtomicInteger();
				return ProviderHttpClient.this.pacer
					.acquire(ProviderHttpClient.this.provider, prepared.method().name(), prepared.pathTemplate(),
							prepared.path())
					.then(Mono.defer(() -> attempt(prepared, secrets, attempts.incrementAndGet())))
					.retryWhen(ProviderHttpClient.this.retries.forRequest(this.idempotent));
			}).timeout(ProviderHttpClient.this.callTimeout, Mono.error(() -> ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider(ProviderHttpClient.this.provider)
				.message("no complete answer within the call deadline of " + ProviderHttpClient.this.callTimeout
						+ " (exatlas.http.call-timeout), retries and waits included")
				.build()));
		}

		private PreparedRequest prepare(Secret credential) {
			return PreparedRequest.of(this.method, this.pathTemplate, this.pathVariables, this.query, this.headers,
					this.body, credential, ProviderHttpClient.this.authentication, ProviderHttpClient.this.uriFactory);
		}

	}

	/** What no message may repeat: the credential and the secrets the request carries. */
	private static List<Secret> redactable(Secret credential, ProviderContext context) {
		if (context.sensitiveValues().isEmpty()) {
			return List.of(credential);
		}
		List<Secret> secrets = new ArrayList<>(context.sensitiveValues());
		secrets.add(credential);
		return secrets;
	}

	/**
	 * Whether a credential is configured (without a per-call override): what background work such as the reaper
	 * asks before calling, so that a provider nobody set up is skipped quietly.
	 * @return whether the credential source yields one; {@code false} when it fails
	 */
	public Mono<Boolean> hasCredentials() {
		return this.credentials.resolve().hasElement().onErrorReturn(false);
	}

	private Mono<Secret> resolveCredential(ProviderContext context) {
		if (context.apiKeyOverride().isPresent()) {
			return Mono.just(context.apiKeyOverride().get());
		}
		return this.credentials.resolve()
			.switchIfEmpty(Mono.error(() -> ExAtlasException.builder(ErrorKind.UNAUTHORIZED)
				.provider(this.provider)
				.message("no credentials configured for provider '" + this.provider + "': "
						+ this.missingCredentialHint)
				.build()));
	}

	/** One attempt; {@code secrets} (the credential and the context's sensitive values) never reach a message. */
	private Mono<ProviderResponse> attempt(PreparedRequest prepared, List<Secret> secrets, int attempt) {
		long start = System.nanoTime();
		AtomicBoolean reported = new AtomicBoolean();
		WebClient.RequestBodySpec spec = this.webClient.method(prepared.method())
			.uri(prepared.template(), prepared.variables())
			.headers((headers) -> {
				headers.addAll(prepared.headers());
				headers.addAll(prepared.authHeaders());
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			});
		if (prepared.body() != null) {
			spec.contentType(MediaType.APPLICATION_JSON)
				.bodyValue(WireJson.mapper().writeValueAsBytes(prepared.body()));
		}
		// Each attempt reports exactly once: a cancel that follows its own error must not add a second event.
		return spec
			.exchangeToMono((response) -> {
				this.pacer.observe(this.provider, response.headers().asHttpHeaders()::getFirst);
				return response.bodyToMono(byte[].class)
					.defaultIfEmpty(new byte[0])
					.map((bytes) -> new ResponseClassifier.RawResponse(response.statusCode().value(),
							response.headers().asHttpHeaders(), bytes));
			})
			.onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> this.classifier.transportFailure(ex,
					prepared.method().name() + " " + prepared.redactedUrl(), secrets))
			.map((raw) -> this.classifier.interpret(raw, secrets))
			.doOnSuccess((response) -> report(reported, prepared, attempt, start, response.status(), null))
			.doOnError((ex) -> report(reported, prepared, attempt, start, ResponseClassifier.statusOf(ex),
					ResponseClassifier.kindOf(ex)))
			.doOnCancel(() -> report(reported, prepared, attempt, start, null, ErrorKind.CANCELLED));
	}

	private void report(AtomicBoolean reported, PreparedRequest prepared, int attempt, long startNanos,
			@Nullable Integer status, @Nullable ErrorKind kind) {
		if (!reported.compareAndSet(false, true)) {
			return;
		}
		this.events.publish(new ProviderRequestEvent(this, this.clock, this.provider, this.api,
				prepared.method().name(), prepared.redactedUrl(), status, Duration.ofNanos(System.nanoTime() - startNanos),
				attempt, kind));
	}

	private <T> T bind(JsonNode json, Class<T> type) {
		try {
			return WireJson.mapper().treeToValue(json, type);
		}
		catch (JacksonException ex) {
			throw ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(this.provider)
				.message("response does not match the expected " + type.getSimpleName() + " shape: "
						+ ex.getOriginalMessage())
				.build();
		}
	}

}
