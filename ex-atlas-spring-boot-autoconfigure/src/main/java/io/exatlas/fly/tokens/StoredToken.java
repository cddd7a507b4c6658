package io.exatlas.fly.tokens;

import java.time.Instant;
import java.util.Objects;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * A token as a {@link TokenStore} keeps it.
 *
 * @param token the token
 * @param expiresAt when it expires ({@code null} for manual tokens, which never expire)
 */
public record StoredToken(Secret token, @Nullable Instant expiresAt) {

	/**
	 * Validates the record.
	 * @param token the token
	 * @param expiresAt the expiry
	 */
	public StoredToken {
		Objects.requireNonNull(token, "token");
	}

	/**
	 * Whether the token is still valid at the given time.
	 * @param now the time
	 * @return whether it has no expiry or expires after {@code now}
	 */
	public boolean isValidAt(Instant now) {
		return this.expiresAt == null || this.expiresAt.isAfter(now);
	}

}
