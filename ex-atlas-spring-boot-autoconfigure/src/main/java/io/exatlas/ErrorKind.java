package io.exatlas;

/**
 * The stable classification of every failure the library reports. Match on the kind, never on a message.
 */
public enum ErrorKind {

	/** The provider rejected the credentials (HTTP 401), or no credentials were configured. */
	UNAUTHORIZED,

	/** The credentials are valid but lack access to the resource (HTTP 403). */
	FORBIDDEN,

	/** The resource does not exist (HTTP 404). */
	NOT_FOUND,

	/** The provider throttled the request (HTTP 429) and the retry budget was exhausted. */
	RATE_LIMITED,

	/** The call took longer than allowed (HTTP 408 or a client-side timeout). */
	TIMEOUT,

	/** The provider does not offer the operation or feature. */
	UNSUPPORTED,

	/** The input was rejected by the library before anything was sent to a cloud. */
	VALIDATION,

	/** The provider answered with an error (other 4xx/5xx, GraphQL errors, or an unreadable body). */
	PROVIDER,

	/** The request never got a complete response (connection refused or reset, DNS failure). */
	TRANSPORT,

	/**
	 * The caller gave up before the call ended: its own timeout, a subscriber that cancelled, the last tail
	 * subscriber leaving. Reported on events and meters so that every started span ends; never thrown.
	 */
	CANCELLED,

	/**
	 * The library's admission control refused the call before anything was sent to a cloud: a spawn policy (price,
	 * sessions per user, budget) said no. The exception's code names the policy.
	 */
	REJECTED,

	/** Anything that fits no other kind. */
	UNKNOWN;

	/**
	 * The lower-case name used in messages and metric tags, e.g. {@code rate_limited}.
	 * @return the kind's tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
