package io.exatlas.fly.tokens;

/**
 * Who served a token acquisition (the reference's {@code acquirer}).
 */
public enum TokenAcquirer {

	/** The lock-free fast path in the caller's thread: a valid cached token. */
	FACADE,

	/** The app's serialized resolver: the chain, or a token cached by a concurrent caller (coalescing). */
	APP_SERVER

}
