package io.exatlas.compute;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.exatlas.ExAtlasException;
import io.exatlas.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

/**
 * The registered {@link ComputeProvider}s, addressable by id, and the rule that picks one for a call:
 * the provider named by the call, else {@code exatlas.default-provider}, else a {@code VALIDATION} error.
 */
public final class ComputeProviders {

	private final Map<String, ComputeProvider> providers;

	private final @Nullable String defaultProvider;

	/**
	 * Register providers.
	 * @param providers the providers (ids must be unique)
	 * @param defaultProvider the id used when a call names none, or {@code null}
	 * @throws IllegalStateException when two providers share an id
	 * @throws InvalidConfigurationException when the default names no provider
	 */
	public ComputeProviders(Collection<? extends ComputeProvider> providers, @Nullable String defaultProvider) {
		Map<String, ComputeProvider> byId = new LinkedHashMap<>();
		for (ComputeProvider provider : providers) {
			ComputeProvider previous = byId.putIfAbsent(provider.id(), provider);
			if (previous != null) {
				throw new IllegalStateException("Two compute providers use the id '" + provider.id() + "': "
						+ previous.getClass().getName() + " and " + provider.getClass().getName());
			}
		}
		this.providers = Collections.unmodifiableMap(byId);
		this.defaultProvider = (defaultProvider != null && !defaultProvider.isBlank()) ? defaultProvider : null;
		if (this.defaultProvider != null && !byId.containsKey(this.defaultProvider)) {
			throw new InvalidConfigurationException("exatlas.default-provider",
					"'" + this.defaultProvider + "' names no enabled provider; available providers: " + ids(),
					"Set exatlas.default-provider to one of " + ids() + ", or enable the provider "
							+ "(exatlas.providers.<id>.enabled=true) and add its credentials.");
		}
	}

	/**
	 * Pick the provider for a call.
	 * @param requested the provider named by the call, or {@code null}
	 * @return the provider
	 * @throws ExAtlasException of kind {@code VALIDATION} when none is named and no default is set, or the named one
	 * is unknown
	 */
	public ComputeProvider resolve(@Nullable String requested) {
		String id = (requested != null) ? requested : this.defaultProvider;
		if (id == null) {
			throw ExAtlasException.validation("no provider given for this call and exatlas.default-provider is not "
					+ "set; available providers: " + ids());
		}
		ComputeProvider provider = this.providers.get(id);
		if (provider == null) {
			throw ExAtlasException.validation("unknown provider '" + id + "'; available providers: " + ids());
		}
		return provider;
	}

	/**
	 * The registered provider ids.
	 * @return sorted ids
	 */
	public Set<String> ids() {
		return Collections.unmodifiableSet(new TreeSet<>(this.providers.keySet()));
	}

	/**
	 * The registered providers.
	 * @return the providers in registration order
	 */
	public Collection<ComputeProvider> all() {
		return this.providers.values();
	}

	/**
	 * The default provider id.
	 * @return the id, or {@code null} when none is configured
	 */
	public @Nullable String defaultProvider() {
		return this.defaultProvider;
	}

}
