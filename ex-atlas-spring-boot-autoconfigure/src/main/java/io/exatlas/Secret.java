package io.exatlas;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A credential (API key, Fly token, preshared key, signing secret) that never shows its value by accident:
 * {@link #toString()} is masked, and the value is only reachable through {@link #reveal()}.
 * Equality is constant-time.
 */
public final class Secret {

	/** What replaces a secret's value where it is redacted from a text. */
	public static final String REDACTED = "REDACTED";

	private static final String MASK = "******";

	private final String value;

	/** The URL-encoded value, computed on the first redaction (a racy but idempotent cache of an immutable). */
	private @Nullable String urlEncoded;

	private Secret(String value) {
		this.value = value;
	}

	/**
	 * Wrap a non-blank credential.
	 * @param value the credential
	 * @return the secret
	 * @throws ExAtlasException of kind {@link ErrorKind#VALIDATION} if the value is null or blank
	 */
	public static Secret of(String value) {
		if (value == null || value.isBlank()) {
			throw ExAtlasException.validation("a secret must not be blank");
		}
		return new Secret(value);
	}

	/**
	 * Wrap a credential that may be absent.
	 * @param value the credential, or {@code null}/blank when there is none
	 * @return the secret, or {@code null} when the value is null or blank
	 */
	public static @Nullable Secret ofNullable(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : new Secret(value);
	}

	/**
	 * The credential itself. Call this only where the value leaves for its destination (a request header, a
	 * child process' environment, a token store).
	 * @return the raw value
	 */
	public String reveal() {
		return this.value;
	}

	/**
	 * A text with every occurrence of this secret's value, plain or URL-encoded, replaced by {@value #REDACTED}.
	 * @param text the text
	 * @return the redacted text ({@code text} itself when the value does not occur in it)
	 */
	public String redactFrom(String text) {
		String encoded = this.urlEncoded;
		if (encoded == null) {
			encoded = URLEncoder.encode(this.value, StandardCharsets.UTF_8);
			this.urlEncoded = encoded;
		}
		return text.replace(this.value, REDACTED).replace(encoded, REDACTED);
	}

	@Override
	public boolean equals(Object other) {
		if (this == other) {
			return true;
		}
		if (!(other instanceof Secret that)) {
			return false;
		}
		return MessageDigest.isEqual(this.value.getBytes(StandardCharsets.UTF_8),
				that.value.getBytes(StandardCharsets.UTF_8));
	}

	@Override
	public int hashCode() {
		return Objects.hashCode(this.value.length());
	}

	@Override
	public String toString() {
		return MASK;
	}

}
