package io.exatlas.compute;

import java.util.Optional;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Per-call context the facade hands to a provider.
 *
 * @param apiKey a credential given for this call only; when absent the provider uses its configured one
 * ({@code exatlas.providers.<id>.api-key}, then its environment variable)
 */
public record ProviderContext(@Nullable Secret apiKey) {

	private static final ProviderContext DEFAULTS = new ProviderContext(null);

	/**
	 * The context of a call without overrides.
	 * @return the default context
	 */
	public static ProviderContext defaults() {
		return DEFAULTS;
	}

	/**
	 * The per-call credential.
	 * @return the credential, if the call carried one
	 */
	public Optional<Secret> apiKeyOverride() {
		return Optional.ofNullable(this.apiKey);
	}

}
