package io.exatlas.providers.http;

import java.util.ArrayList;
import java.util.List;

import io.exatlas.ErrorKind;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Maps statuses to kinds (401 unauthorized, 403 forbidden, 404 not found, 408 timeout, 429 rate limited, other 4xx
 * and 5xx provider, anything else unknown) and extracts the message and code from the common error shapes.
 */
final class StandardErrorDecoder implements ErrorDecoder {

	static final StandardErrorDecoder INSTANCE = new StandardErrorDecoder();

	private StandardErrorDecoder() {
	}

	@Override
	public DecodedError decode(int status, JsonNode body, String text) {
		return new DecodedError(kindFor(status), message(body, text), code(body), null);
	}

	static ErrorKind kindFor(int status) {
		return switch (status) {
			case 401 -> ErrorKind.UNAUTHORIZED;
			case 403 -> ErrorKind.FORBIDDEN;
			case 404 -> ErrorKind.NOT_FOUND;
			case 408 -> ErrorKind.TIMEOUT;
			case 429 -> ErrorKind.RATE_LIMITED;
			default -> (status >= 400 && status <= 599) ? ErrorKind.PROVIDER : ErrorKind.UNKNOWN;
		};
	}

	private static @Nullable String message(JsonNode body, String text) {
		String message = primaryMessage(body, text);
		List<String> details = new ArrayList<>();
		body.path("errors").forEach((entry) -> {
			if (entry.isString() && !entry.asString().equals(message)) {
				details.add(entry.asString());
			}
		});
		if (details.isEmpty()) {
			return message;
		}
		return ((message != null) ? message + ": " : "") + String.join("; ", details);
	}

	private static @Nullable String primaryMessage(JsonNode body, String text) {
		String message = firstText(body.path("error").path("message"), body.path("message"), body.path("detail"),
				body.path("msg"), body.path("errors").path(0).path("message"), body.path("errors").path(0),
				body.path("error"), body.path("title"));
		if (message != null) {
			return message;
		}
		if (!body.isMissingNode() && !body.isString()) {
			return null;
		}
		return text.isBlank() ? null : text;
	}

	private static @Nullable String code(JsonNode body) {
		String code = firstText(body.path("error").path("code"), body.path("code"));
		if (code != null) {
			return code;
		}
		JsonNode error = body.path("error");
		boolean errorIsCode = error.isString() && (body.path("msg").isString() || body.path("message").isString());
		return errorIsCode ? error.asString() : null;
	}

	private static @Nullable String firstText(JsonNode... candidates) {
		for (JsonNode candidate : candidates) {
			if (candidate.isString() && !candidate.asString().isBlank()) {
				return candidate.asString();
			}
		}
		return null;
	}

}
