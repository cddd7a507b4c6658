package io.exatlas.fly.tokens;

/**
 * The two independent records a {@link TokenStore} keeps per app.
 */
public enum TokenKind {

	/** A token the chain acquired, with its expiry. */
	CACHED,

	/** The manual override set by the application (no expiry). */
	MANUAL

}
