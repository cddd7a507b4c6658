package io.exatlas.compute;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Per-call context the facade hands to a provider.
 *
 * @param apiKey a credential given for this call only; when absent the provider uses its configured one
 * ({@code exatlas.providers.<id>.api-key}, then its environment variable)
 * @param sensitiveValues secrets the call sends inside its request (a spawn's generated pod token); the HTTP plumbing
 * scrubs them, like the credential, from every error message a cloud's answer produces
 */
public record ProviderContext(@Nullable Secret apiKey, List<Secret> sensitiveValues) {

	private static final ProviderContext DEFAULTS = new ProviderContext(null);

	/**
	 * Copies the sensitive values.
	 * @param apiKey the per-call credential, or {@code null}
	 * @param sensitiveValues the secrets sent inside the request
	 */
	public ProviderContext {
		sensitiveValues = List.copyOf(sensitiveValues);
	}

	/**
	 * A context with a per-call credential (or none) and no sensitive request values.
	 * @param apiKey the per-call credential, or {@code null}
	 */
	public ProviderContext(@Nullable Secret apiKey) {
		this(apiKey, List.of());
	}

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

	/**
	 * This context with one more secret that the request carries and no error message may repeat.
	 * @param value the secret
	 * @return the new context
	 */
	public ProviderContext withSensitiveValue(Secret value) {
		List<Secret> values = new ArrayList<>(this.sensitiveValues);
		values.add(Objects.requireNonNull(value, "value"));
		return new ProviderContext(this.apiKey, values);
	}

}
