package io.exatlas.placement;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the offer cache behaves.
 *
 * @param ttl after this long a read refreshes a provider's offers in the background and answers the cached ones
 * meanwhile (stale-while-revalidate)
 * @param ttlByProvider a different TTL per provider id (Vast's offers are many and change slowly: 600 s, as SkyPilot)
 * @param fetchTimeout how long one fetch of a provider's offers may take
 * @param maxStale offers older than this are not used even when every refresh since failed
 * @param skipTtl how long a (provider, region, GPU) that just failed with a capacity error is left out of plans
 */
public record OfferCacheSettings(Duration ttl, Map<String, Duration> ttlByProvider, Duration fetchTimeout,
		Duration maxStale, Duration skipTtl) {

	/** The defaults: TTL 180 s (as dstack), 600 s for Vast (as SkyPilot), fetch cap 8 s, 1 h stale, skip 60 s. */
	public static final OfferCacheSettings DEFAULTS = new OfferCacheSettings(Duration.ofSeconds(180),
			Map.of("vast", Duration.ofSeconds(600)), Duration.ofSeconds(8), Duration.ofHours(1), Duration.ofSeconds(60));

	/**
	 * Validates the settings.
	 * @param ttl the TTL
	 * @param ttlByProvider TTL per provider
	 * @param fetchTimeout the fetch cap
	 * @param maxStale the oldest usable offers
	 * @param skipTtl the skip-list TTL
	 */
	public OfferCacheSettings {
		positive(ttl, "ttl");
		ttlByProvider = Map.copyOf(ttlByProvider);
		ttlByProvider.forEach((provider, value) -> positive(value, "ttlByProvider." + provider));
		positive(fetchTimeout, "fetchTimeout");
		positive(maxStale, "maxStale");
		positive(skipTtl, "skipTtl");
	}

	private static void positive(Duration value, String name) {
		Objects.requireNonNull(value, name);
		if (value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

	/**
	 * The TTL of a provider's offers.
	 * @param provider the provider id
	 * @return the TTL
	 */
	public Duration ttl(String provider) {
		return this.ttlByProvider.getOrDefault(provider, this.ttl);
	}

}
