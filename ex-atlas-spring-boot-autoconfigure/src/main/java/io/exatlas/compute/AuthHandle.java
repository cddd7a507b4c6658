package io.exatlas.compute;

import java.util.Objects;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * The credential generated for a spawned resource. The raw {@link #token()} is present only on the {@link Compute}
 * returned by the spawn call; everything the library keeps afterwards holds the {@link #hash()} only.
 *
 * @param mode {@link AuthMode#BEARER} or {@link AuthMode#SIGNED_URL}
 * @param token the preshared token or signing secret, present once (on the spawn result)
 * @param hash lower-case hex SHA-256 of the bearer token ({@code null} for signed URLs)
 * @param environmentVariable the variable the credential was injected as
 */
public record AuthHandle(AuthMode mode, @Nullable Secret token, @Nullable String hash, String environmentVariable) {

	/** The environment variable that carries a bearer token into the resource. */
	public static final String PRESHARED_KEY_ENV = "ATLAS_PRESHARED_KEY";

	/** The environment variable that carries a URL-signing secret into the resource. */
	public static final String SIGNING_SECRET_ENV = "ATLAS_SIGNING_SECRET";

	/**
	 * Validates the handle.
	 * @param mode the mode
	 * @param token the credential
	 * @param hash the token hash
	 * @param environmentVariable the variable name
	 */
	public AuthHandle {
		Objects.requireNonNull(mode, "mode");
		Objects.requireNonNull(environmentVariable, "environmentVariable");
		if (mode == AuthMode.NONE) {
			throw new IllegalArgumentException("an auth handle needs a mode other than NONE");
		}
	}

	/**
	 * The value for an {@code Authorization} header ({@code Bearer <token>}) when the token is still present.
	 * @return the header value, or {@code null} for signed URLs or once the token was dropped
	 */
	public @Nullable String authorizationHeaderValue() {
		return (this.mode == AuthMode.BEARER && this.token != null) ? "Bearer " + this.token.reveal() : null;
	}

	/**
	 * The same handle without the raw credential, as the library keeps it.
	 * @return the handle without its token
	 */
	public AuthHandle withoutToken() {
		return new AuthHandle(this.mode, null, this.hash, this.environmentVariable);
	}

}
