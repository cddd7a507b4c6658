package io.exatlas.providers.http;

import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.internal.Redaction;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;

/**
 * Turns what came back from one attempt into a {@link ProviderResponse} or a typed {@link ExAtlasException}: a 2xx
 * with a JSON body is a response; any other status goes through the provider's {@link ErrorDecoder}; a transport
 * failure is {@code TIMEOUT}, {@code TRANSPORT} or (an oversized body) {@code PROVIDER}. No message it builds
 * repeats a secret of the request.
 */
final class ResponseClassifier {

	private static final int ERROR_TEXT_LIMIT = 500;

	private final String provider;

	private final ErrorDecoder errorDecoder;

	private final Clock clock;

	ResponseClassifier(String provider, ErrorDecoder errorDecoder, Clock clock) {
		this.provider = provider;
		this.errorDecoder = errorDecoder;
		this.clock = clock;
	}

	/**
	 * Classify a complete response.
	 * @param raw the status, headers and body
	 * @param secrets values no message may repeat
	 * @return the response of a 2xx with a JSON (or empty) body
	 * @throws ExAtlasException for any other outcome
	 */
	ProviderResponse interpret(RawResponse raw, List<Secret> secrets) {
		if (raw.status() >= 200 && raw.status() < 300) {
			JsonNode json = parse(raw.body());
			if (json == null) {
				throw ExAtlasException.builder(ErrorKind.PROVIDER)
					.provider(this.provider)
					.status(raw.status())
					.message("unparseable response body (" + raw.body().length + " bytes, not JSON)")
					.build();
			}
			return new ProviderResponse(raw.status(), raw.headers(), json);
		}
		if (raw.status() >= 300 && raw.status() < 400) {
			throw ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(this.provider)
				.status(raw.status())
				.message("the API answered a redirect (HTTP " + raw.status() + "), which is never followed: a "
						+ "request and its credentials go only to the configured base URL; check it")
				.build();
		}
		// Redact the whole body first, then cut: a secret that straddles the cut must not survive in part.
		String body = Redaction.scrub(new String(raw.body(), StandardCharsets.UTF_8), secrets);
		JsonNode json = parse(body.getBytes(StandardCharsets.UTF_8));
		String text = preview(body);
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

	/**
	 * Classify a failure that left no complete response.
	 * @param failure what the HTTP client signalled
	 * @param target the method and redacted URL, for the message
	 * @param secrets values no message may repeat
	 * @return the typed failure
	 */
	ExAtlasException transportFailure(Throwable failure, String target, List<Secret> secrets) {
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

	/**
	 * The HTTP status a failure carries, for the request event.
	 * @param failure the failure
	 * @return the status, or {@code null} when there was no response
	 */
	static @Nullable Integer statusOf(Throwable failure) {
		return (failure instanceof ExAtlasException atlas && atlas.status().isPresent()) ? atlas.status().getAsInt()
				: null;
	}

	/**
	 * The error kind of a failure, for the request event.
	 * @param failure the failure
	 * @return its kind, {@code UNKNOWN} for anything not typed
	 */
	static ErrorKind kindOf(Throwable failure) {
		return (failure instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
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

	private static String preview(String body) {
		String text = body.strip().replaceAll("\\s+", " ");
		return (text.length() > ERROR_TEXT_LIMIT) ? text.substring(0, ERROR_TEXT_LIMIT) + "…" : text;
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
	 * A complete HTTP response, before classification.
	 *
	 * @param status the status
	 * @param headers the headers
	 * @param body the body, empty when there was none
	 */
	record RawResponse(int status, HttpHeaders headers, byte[] body) {
	}

}
