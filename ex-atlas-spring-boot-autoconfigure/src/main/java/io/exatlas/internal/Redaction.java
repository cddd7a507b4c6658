package io.exatlas.internal;

import java.net.URI;
import java.util.Set;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

import org.springframework.web.util.UriComponentsBuilder;

/**
 * Keeps credentials out of URLs and messages that leave the plumbing.
 */
public final class Redaction {

	/** What replaces a redacted value. */
	public static final String REDACTED = Secret.REDACTED;

	private Redaction() {
	}

	/**
	 * A URL with the values of the given query parameters replaced by {@value #REDACTED}.
	 * @param uri the URL
	 * @param sensitiveParameters the parameters that carry secrets
	 * @return the redacted URL
	 */
	public static String redactQuery(URI uri, Set<String> sensitiveParameters) {
		if (sensitiveParameters.isEmpty() || uri.getRawQuery() == null) {
			return uri.toString();
		}
		UriComponentsBuilder builder = UriComponentsBuilder.fromUri(uri);
		var params = builder.build().getQueryParams();
		for (String name : sensitiveParameters) {
			if (params.containsKey(name)) {
				builder.replaceQueryParam(name, REDACTED);
			}
		}
		return builder.build().toUriString();
	}

	/**
	 * A text with every occurrence of a credential (plain or URL-encoded) replaced by {@value #REDACTED}.
	 * @param text the text
	 * @param credential the credential, or {@code null}
	 * @return the scrubbed text
	 */
	public static @Nullable String scrub(@Nullable String text, @Nullable Secret credential) {
		if (text == null || credential == null) {
			return text;
		}
		return credential.redactFrom(text);
	}

	/**
	 * A text with every occurrence of any of the secrets (plain or URL-encoded) replaced by {@value #REDACTED}.
	 * @param text the text
	 * @param secrets the secrets
	 * @return the scrubbed text
	 */
	public static @Nullable String scrub(@Nullable String text, Iterable<Secret> secrets) {
		String scrubbed = text;
		for (Secret secret : secrets) {
			scrubbed = scrub(scrubbed, secret);
		}
		return scrubbed;
	}

}
