package io.exatlas.pacing;

/**
 * What one limiter of a {@link PacingRule} counts.
 */
public enum PacingScope {

	/** Every matching request of the provider together. */
	PROVIDER,

	/** Each endpoint (method and path template) on its own, as Vast limits per endpoint. */
	ENDPOINT,

	/** Each resource (method and expanded path) on its own, as Fly limits per machine and action. */
	RESOURCE

}
