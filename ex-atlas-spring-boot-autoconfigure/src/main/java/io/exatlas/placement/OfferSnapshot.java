package io.exatlas.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.compute.Offer;
import org.jspecify.annotations.Nullable;

/**
 * The offers of one provider as last read, and whether the latest refresh failed (then these are the last good
 * offers, shown with their age: the cache fails open).
 *
 * @param provider the provider id
 * @param offers the offers, stamped with {@code fetchedAt}
 * @param fetchedAt when they were read
 * @param refreshError the kind of the latest refresh's failure, or {@code null} when it succeeded
 */
public record OfferSnapshot(String provider, List<Offer> offers, Instant fetchedAt, @Nullable ErrorKind refreshError) {

	/**
	 * Validates the snapshot.
	 * @param provider the provider id
	 * @param offers the offers
	 * @param fetchedAt when they were read
	 * @param refreshError the latest refresh's failure
	 */
	public OfferSnapshot {
		Objects.requireNonNull(provider, "provider");
		offers = List.copyOf(offers);
		Objects.requireNonNull(fetchedAt, "fetchedAt");
	}

	/**
	 * How old the offers are.
	 * @param now the current instant
	 * @return the age (never negative)
	 */
	public Duration age(Instant now) {
		Duration age = Duration.between(this.fetchedAt, now);
		return age.isNegative() ? Duration.ZERO : age;
	}

	OfferSnapshot withRefreshError(ErrorKind kind) {
		return new OfferSnapshot(this.provider, this.offers, this.fetchedAt, kind);
	}

}
