package io.exatlas.compute;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Per-call choices for a facade call: which provider, which credential, and an idempotency key for spawns.
 *
 * @param provider the provider id; when absent, {@code exatlas.default-provider}
 * @param apiKey the credential for this call; when absent, the provider's configured one
 * @param idempotencyKey a spawn with a key a previous spawn on the same provider used within
 * {@code exatlas.compute.idempotency-window} answers that spawn's resource (or its failure) instead of spawning
 * again; {@code null} for none
 */
public record CallOptions(@Nullable String provider, @Nullable Secret apiKey, @Nullable String idempotencyKey) {

	private static final CallOptions DEFAULTS = new CallOptions(null, null, null);

	/**
	 * Options without an idempotency key.
	 * @param provider the provider id, or {@code null}
	 * @param apiKey the credential, or {@code null}
	 */
	public CallOptions(@Nullable String provider, @Nullable Secret apiKey) {
		this(provider, apiKey, null);
	}

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
		return new CallOptions(this.provider, Secret.of(apiKey), this.idempotencyKey);
	}

	/**
	 * Make a spawn idempotent: a web request that spawns and is retried by its client with the same key gets the
	 * first spawn's resource, with its generated credential, instead of a second resource. Use a key per intended
	 * resource (a UUID the client sends), never one shared between users: it replays what the first call got.
	 * @param idempotencyKey the key
	 * @return the options
	 */
	public CallOptions withIdempotencyKey(String idempotencyKey) {
		if (idempotencyKey.isBlank() || idempotencyKey.length() > 256) {
			throw new IllegalArgumentException("an idempotency key is 1 to 256 characters, not blank");
		}
		return new CallOptions(this.provider, this.apiKey, idempotencyKey);
	}

	/**
	 * An idempotency key for the next spawn.
	 * @param idempotencyKey the key
	 * @return the options, with the default provider and credential
	 * @see #withIdempotencyKey(String)
	 */
	public static CallOptions idempotencyKey(String idempotencyKey) {
		return DEFAULTS.withIdempotencyKey(idempotencyKey);
	}

	/**
	 * The provider context handed to the provider.
	 * @return the context
	 */
	public ProviderContext toContext() {
		return (this.apiKey != null) ? new ProviderContext(this.apiKey) : ProviderContext.defaults();
	}

}
