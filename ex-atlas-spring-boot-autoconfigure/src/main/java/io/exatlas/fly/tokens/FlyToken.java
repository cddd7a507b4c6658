package io.exatlas.fly.tokens;

import java.time.Instant;
import java.util.Objects;

import io.exatlas.Secret;
import io.exatlas.fly.FlyAuthorization;
import org.jspecify.annotations.Nullable;

/**
 * An acquired Fly token. Its {@code toString()} never shows the token.
 *
 * @param app the Fly app it was acquired for
 * @param token the token, exactly as the chain holds it (possibly with its {@code FlyV1} scheme)
 * @param source where this acquisition got it from
 * @param expiresAt when it expires ({@code null} for a manual token)
 */
public record FlyToken(String app, Secret token, TokenSource source, @Nullable Instant expiresAt) {

	/**
	 * Validates the token.
	 * @param app the app
	 * @param token the token
	 * @param source the source
	 * @param expiresAt the expiry
	 */
	public FlyToken {
		Objects.requireNonNull(app, "app");
		Objects.requireNonNull(token, "token");
		Objects.requireNonNull(source, "source");
	}

	/**
	 * The value of the {@code Authorization} header for Fly's APIs ({@code FlyV1 …} for macaroons, else
	 * {@code Bearer …}).
	 * @return the header value
	 */
	public String authorizationHeaderValue() {
		return FlyAuthorization.headerValue(this.token.reveal());
	}

	/**
	 * The same token as reported by a later acquisition.
	 * @param other where the later acquisition got it
	 * @return the token with that source
	 */
	FlyToken withSource(TokenSource other) {
		return (other == this.source) ? this : new FlyToken(this.app, this.token, other, this.expiresAt);
	}

}
