package io.exatlas.compute;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Per-call choices for a facade call: which provider, and which credential.
 *
 * @param provider the provider id; when absent, {@code exatlas.default-provider}
 * @param apiKey the credential for this call; when absent, the provider's configured one
 */
public record CallOptions(@Nullable String provider, @Nullable Secret apiKey) {

	private static final CallOptions DEFAULTS = new CallOptions(null, null);

	/**
	 * No overrides: the default provider and its configured credential.
	 * @return the options
	 */
	public static CallOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * Use a given provider.
	 * @param provider the provider id
	 * @return the options
	 */
	public static CallOptions provider(String provider) {
		return new CallOptions(provider, null);
	}

	/**
	 * Also use a given credential for this call.
	 * @param apiKey the credential
	 * @return the options
	 */
	public CallOptions withApiKey(String apiKey) {
		return new CallOptions(this.provider, Secret.of(apiKey));
	}

	/**
	 * The provider context handed to the provider.
	 * @return the context
	 */
	public ProviderContext toContext() {
		return (this.apiKey != null) ? new ProviderContext(this.apiKey) : ProviderContext.defaults();
	}

}
