package io.exatlas.placement;

import java.time.Duration;
import java.time.Instant;

import io.exatlas.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * What the offer cache holds for one provider, for the actuator endpoint and health checks.
 *
 * @param provider the provider id
 * @param offers how many offers are cached
 * @param fetchedAt when they were read, or {@code null} before the first successful fetch
 * @param age how old they are, or {@code null} before the first successful fetch
 * @param refreshError the kind of the latest refresh's failure, or {@code null}
 * @param requests how many reads asked for the provider's offers
 * @param hitRate the share of reads answered without waiting for a fetch, or {@code null} before any read
 * @param fetches how many fetches reached the provider
 */
public record OfferCacheStatus(String provider, int offers, @Nullable Instant fetchedAt, @Nullable Duration age,
		@Nullable ErrorKind refreshError, long requests, @Nullable Double hitRate, long fetches) {

}
