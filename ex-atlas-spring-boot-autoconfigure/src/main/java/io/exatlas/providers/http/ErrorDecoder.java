package io.exatlas.providers.http;

import java.util.Map;

import io.exatlas.ErrorReason;
import tools.jackson.databind.JsonNode;

/**
 * Reads an error response (a non-2xx status). Providers with their own error vocabulary wrap
 * {@link #standard()} to add a code or a reason.
 */
@FunctionalInterface
public interface ErrorDecoder {

	/**
	 * Decode an error response.
	 * @param status the HTTP status
	 * @param body the body parsed as JSON ({@code MissingNode} when it was empty or not JSON)
	 * @param text the body as text (trimmed, at most a few hundred characters)
	 * @return the decoded error
	 */
	DecodedError decode(int status, JsonNode body, String text);

	/**
	 * The decoder that understands the common shapes: {@code {"error":{"code","message"}}},
	 * {@code {"error":"…"}}, {@code {"message":"…"}}, RFC 9457 {@code {"title","detail"}}, {@code {"msg":"…"}},
	 * {@code {"errors":[{"message"}]}} and plain text.
	 * @return the standard decoder
	 */
	static ErrorDecoder standard() {
		return StandardErrorDecoder.INSTANCE;
	}

	/**
	 * The {@link #standard() standard} decoder plus a provider's codes that carry a provider-independent reason,
	 * e.g. Lambda's {@code instance-operations/launch/insufficient-capacity}.
	 * @param reasonsByCode the provider's error code to the reason
	 * @return the decoder
	 */
	static ErrorDecoder withReasons(Map<String, ErrorReason> reasonsByCode) {
		Map<String, ErrorReason> reasons = Map.copyOf(reasonsByCode);
		return (status, body, text) -> {
			DecodedError decoded = standard().decode(status, body, text);
			ErrorReason reason = (decoded.code() != null) ? reasons.get(decoded.code()) : null;
			return (reason != null) ? decoded.withReason(reason) : decoded;
		};
	}

}
