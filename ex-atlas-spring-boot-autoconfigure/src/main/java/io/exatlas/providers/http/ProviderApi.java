package io.exatlas.providers.http;

/**
 * Which of a provider's APIs a request went to.
 */
public enum ProviderApi {

	/** The management API (resources, templates, volumes, billing). */
	MANAGEMENT,

	/** The serverless runtime API (jobs). */
	RUNTIME,

	/** A GraphQL API (RunPod pricing and spot pods). */
	GRAPHQL,

	/** A platform API that is none of the above (e.g. Fly.io logs). */
	PLATFORM;

	/**
	 * The lower-case name used in metric tags.
	 * @return the tag value
	 */
	public String tagValue() {
		return name().toLowerCase(java.util.Locale.ROOT);
	}

}
