package io.exatlas.spend;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A live session's spend, as the session registry holds it.
 *
 * @param provider the session's provider
 * @param userId the session's user
 * @param spend what it has cost so far
 */
public record SpendingSession(String provider, @Nullable String userId, SessionSpend spend) {

	/**
	 * Validates the session.
	 * @param provider the provider
	 * @param userId the user
	 * @param spend the spend
	 */
	public SpendingSession {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(spend, "spend");
	}

}
