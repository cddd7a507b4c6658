package io.exatlas.providers.http;

import java.util.function.Supplier;

import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Supplies a provider's configured credential, resolved again for every request (so rotated keys and refreshed
 * tokens apply at once; any caching happens inside the source).
 */
@FunctionalInterface
public interface CredentialSource {

	/**
	 * Resolve the credential.
	 * @return the credential, or empty when none is configured
	 */
	Mono<Secret> resolve();

	/**
	 * A source backed by a supplier that is cheap to call (a property, an environment variable).
	 * @param supplier returns the credential text, or {@code null}/blank when there is none
	 * @return the source
	 */
	static CredentialSource of(Supplier<@Nullable String> supplier) {
		return () -> Mono.fromSupplier(() -> Secret.ofNullable(supplier.get()));
	}

	/**
	 * A source that never has a credential.
	 * @return the source
	 */
	static CredentialSource none() {
		return Mono::empty;
	}

}
