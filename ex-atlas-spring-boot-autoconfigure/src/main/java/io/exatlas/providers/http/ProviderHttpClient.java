package io.exatlas.providers.http;

import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.ProviderContext;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.Redaction;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.util.UriBuilderFactory;
import org.springframework.web.util.UriTemplate;

/**
 * One provider API's HTTP client, the plumbing every provider shares: it resolves the credential per request,
 * always expands URI templates (so the {@code uri} tag of {@code http.client.requests} stays bounded and path
 * variables are encoded), maps statuses and transport failures to {@link ErrorKind}s, retries idempotent requests
 * per its {@link RetryPolicy} and publishes a {@link ProviderRequestEvent} after every attempt.
 * <p>
 * Create instances with {@link ProviderHttpClientFactory}.
 */
public final class ProviderHttpClient {

	private static final int ERROR_TEXT_LIMIT = 500;

	private final String provider;

	private final ProviderApi api;

	private final WebClient webClient;

	private final UriBuilderFactory uriFactory;

	private final RequestAuthentication authentication;

	private final CredentialSource credentials;

	private final String missingCredentialHint;

	private final RetryPolicy retry;

	private final ErrorDecoder errorDecoder;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Scheduler retryScheduler;

	ProviderHttpClient(String provider, ProviderApi api, WebClient webClient, UriBuilderFactory uriFactory,
			RequestAuthentication authentication, CredentialSource credentials, String missingCredentialHint,
			RetryPolicy retry, ErrorDecoder errorDecoder, ExAtlasEventPublisher events, Clock clock,
			Scheduler retryScheduler) {
		this.provider = provider;
		this.api = api;
		this.webClient = webClient;
		this.uriFactory = uriFactory;
		this.authentication = authentication;
		this.credentials = credentials;
		this.missingCredentialHint = missingCredentialHint;
		this.retry = retry;
		this.errorDecoder = errorDecoder;
		this.events = events;
		this.clock = clock;
		this.retryScheduler = retryScheduler;
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
		AtomicInteger attempts = new AtomicInteger();
		return Mono.defer(() -> {
			attempts.incrementAndGet();
			return create.onErrorResume(ExAtlasException.class, (failure) -> this.retry.isRetryable(failure)
					? findExisting.switchIfEmpty(Mono.error(() -> new UnsettledCreate(failure))) : Mono.error(failure));
		})
			.retryWhen(Retry.from((signals) -> signals.concatMap((signal) -> {
				if (!(signal.failure() instanceof UnsettledCreate unsettled)
						|| signal.totalRetries() >= this.retry.maxRetries()) {
					return Mono.error(signal.failure());
				}
				Duration delay = this.retry.delayBeforeRetry(signal.totalRetries(), unsettled.failure(),
						ThreadLocalRandom.current().nextDouble());
				return (delay != null) ? Mono.delay(delay, this.retryScheduler) : Mono.error(signal.failure());
			})))
			.onErrorMap(UnsettledCreate.class, UnsettledCreate::failure);
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
			this.pathVariables = namedVariables(pathTemplate, pathVariables);
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
				Prepared prepared = prepare(credential);
				List<Secret> secrets = redactable(credential, context);
				AtomicInteger attempts = new AtomicInteger();
				return Mono.defer(() -> attempt(prepared, secrets, attempts.incrementAndGet()))
					.retryWhen(retrySpec(this.idempotent));
			});
		}

		private Prepared prepare(Secret credential) {
			HttpHeaders authHeaders = new HttpHeaders();
			Map<String, Object> authQuery = new LinkedHashMap<>();
			ProviderHttpClient.this.authentication.apply(credential, authHeaders, authQuery);
			List<Map.Entry<String, Object>> allQuery = new ArrayList<>(this.query);
			authQuery.forEach((name, value) -> allQuery.add(Map.entry(name, value)));
			Map<String, Object> variables = new LinkedHashMap<>(this.pathVariables);
			StringBuilder template = new StringBuilder(this.pathTemplate);
			for (int i = 0; i < allQuery.size(); i++) {
				String placeholder = "exatlasQuery" + i;
				template.append((i == 0) ? '?' : '&').append(allQuery.get(i).getKey()).append("={").append(placeholder)
					.append('}');
				variables.put(placeholder, allQuery.get(i).getValue());
			}
			URI uri = ProviderHttpClient.this.uriFactory.expand(template.toString(), variables);
			String redactedUrl = Redaction.redactQuery(uri,
					ProviderHttpClient.this.authentication.sensitiveQueryParameters());
			return new Prepared(this.method, template.toString(), variables, authHeaders, this.headers, this.body,
					redactedUrl);
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
	private Mono<ProviderResponse> attempt(Prepared prepared, List<Secret> secrets, int attempt) {
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
			.exchangeToMono((response) -> response.bodyToMono(byte[].class)
				.defaultIfEmpty(new byte[0])
				.map((bytes) -> new RawResponse(response.statusCode().value(), response.headers().asHttpHeaders(),
						bytes)))
			.onErrorMap((ex) -> !(ex instanceof ExAtlasException), (ex) -> transportFailure(ex, prepared, secrets))
			.map((raw) -> interpret(raw, secrets))
			.doOnSuccess((response) -> report(reported, prepared, attempt, start, response.status(), null))
			.doOnError((ex) -> report(reported, prepared, attempt, start, statusOf(ex), kindOf(ex)))
			.doOnCancel(() -> report(reported, prepared, attempt, start, null, null));
	}

	private ProviderResponse interpret(RawResponse raw, List<Secret> secrets) {
		JsonNode json = parse(raw.body());
		if (raw.status() >= 200 && raw.status() < 300) {
			if (json == null) {
				throw ExAtlasException.builder(ErrorKind.PROVIDER)
					.provider(this.provider)
					.status(raw.status())
					.message("unparseable response body (" + raw.body().length + " bytes, not JSON)")
					.build();
			}
			return new ProviderResponse(raw.status(), raw.headers(), json);
		}
		String text = preview(raw.body());
		DecodedError decoded = this.errorDecoder.decode(raw.status(), (json != null) ? json : MissingNode.getInstance(),
				text);
		throw ExAtlasException.builder(decoded.kind())
			.provider(this.provider)
			.status(raw.status())
			.code(Redaction.scrub(decoded.code(), secrets))
			.reason(decoded.reason())
			.message(Redaction.scrub(decoded.message(), secrets))
			.retryAfter(retryAfter(raw.headers()))
			.build();
	}

	private ExAtlasException transportFailure(Throwable failure, Prepared prepared, List<Secret> secrets) {
		String target = prepared.method().name() + " " + prepared.redactedUrl();
		if (causedBy(failure, DataBufferLimitException.class)) {
			return ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(this.provider)
				.message("response to " + target + " is larger than the configured max-in-memory-size")
				.cause(failure)
				.build();
		}
		boolean timeout = isTimeout(failure);
		Throwable root = rootCause(failure);
		String detail = root.getClass().getSimpleName()
				+ ((root.getMessage() != null) ? ": " + Redaction.scrub(root.getMessage(), secrets) : "");
		return ExAtlasException.builder(timeout ? ErrorKind.TIMEOUT : ErrorKind.TRANSPORT)
			.provider(this.provider)
			.message((timeout ? "no response from " : "request failed: ") + target + " (" + detail + ")")
			.build();
	}

	private Retry retrySpec(boolean idempotent) {
		return Retry.from((signals) -> signals.concatMap((signal) -> {
			Throwable failure = signal.failure();
			if (!idempotent || !(failure instanceof ExAtlasException atlas) || !this.retry.isRetryable(atlas)
					|| signal.totalRetries() >= this.retry.maxRetries()) {
				return Mono.error(failure);
			}
			Duration delay = this.retry.delayBeforeRetry(signal.totalRetries(), atlas,
					ThreadLocalRandom.current().nextDouble());
			return (delay != null) ? Mono.delay(delay, this.retryScheduler) : Mono.error(failure);
		}));
	}

	private void report(AtomicBoolean reported, Prepared prepared, int attempt, long startNanos,
			@Nullable Integer status, @Nullable ErrorKind kind) {
		if (!reported.compareAndSet(false, true)) {
			return;
		}
		this.events.publish(new ProviderRequestEvent(this, this.clock, this.provider, this.api,
				prepared.method().name(), prepared.redactedUrl(), status, Duration.ofNanos(System.nanoTime() - startNanos),
				attempt, kind));
	}

	private @Nullable Duration retryAfter(HttpHeaders headers) {
		String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			long seconds = Long.parseLong(value.trim());
			return (seconds >= 0) ? Duration.ofSeconds(seconds) : null;
		}
		catch (NumberFormatException ex) {
			try {
				ZonedDateTime at = ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME);
				Duration wait = Duration.between(this.clock.instant(), at.toInstant());
				return wait.isNegative() ? Duration.ZERO : wait;
			}
			catch (DateTimeParseException unparseable) {
				return null;
			}
		}
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

	private static @Nullable JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return MissingNode.getInstance();
		}
		try {
			return WireJson.mapper().readTree(body);
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static String preview(byte[] body) {
		String text = new String(body, StandardCharsets.UTF_8).strip().replaceAll("\\s+", " ");
		return (text.length() > ERROR_TEXT_LIMIT) ? text.substring(0, ERROR_TEXT_LIMIT) + "…" : text;
	}

	private static Map<String, Object> namedVariables(String template, Object... values) {
		List<String> names = new UriTemplate(template).getVariableNames();
		if (names.size() != values.length) {
			throw new IllegalArgumentException("URI template " + template + " has " + names.size()
					+ " variables but " + values.length + " values were given");
		}
		Map<String, Object> variables = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			variables.put(names.get(i), Objects.requireNonNull(values[i], names.get(i)));
		}
		return variables;
	}

	private static @Nullable Integer statusOf(Throwable ex) {
		return (ex instanceof ExAtlasException atlas && atlas.status().isPresent()) ? atlas.status().getAsInt() : null;
	}

	private static ErrorKind kindOf(Throwable ex) {
		return (ex instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
	}

	private static boolean isTimeout(Throwable failure) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (current instanceof TimeoutException || current instanceof SocketTimeoutException
					|| current.getClass().getSimpleName().endsWith("TimeoutException")) {
				return true;
			}
		}
		return false;
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		for (Throwable current = failure; current != null; current = current.getCause()) {
			if (type.isInstance(current)) {
				return true;
			}
		}
		return false;
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable current = failure;
		while (current.getCause() != null && current.getCause() != current) {
			current = current.getCause();
		}
		return current;
	}

	/**
	 * A create that failed ambiguously and whose resource was not found: safe to send again.
	 */
	private static final class UnsettledCreate extends RuntimeException {

		private static final long serialVersionUID = 1L;

		private final transient ExAtlasException failure;

		UnsettledCreate(ExAtlasException failure) {
			super(failure.getMessage(), null, false, false);
			this.failure = failure;
		}

		ExAtlasException failure() {
			return this.failure;
		}

	}

	private record Prepared(HttpMethod method, String template, Map<String, Object> variables,
			HttpHeaders authHeaders, HttpHeaders headers, @Nullable JsonNode body, String redactedUrl) {
	}

	private record RawResponse(int status, HttpHeaders headers, byte[] body) {
	}

}
