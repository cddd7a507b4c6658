package io.exatlas.placement;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

import io.exatlas.ErrorKind;
import org.jspecify.annotations.Nullable;

/**
 * Where a plan's offers of one provider came from: their age, and why there were none or they are old.
 *
 * @param provider the provider id
 * @param fetchedAt when the offers were read, or {@code null} when none could be read
 * @param age how old they were when planned, or {@code null} when none could be read
 * @param error why there are none ({@code UNSUPPORTED}: the provider lists no offers; {@code UNAUTHORIZED}: not
 * configured) or why the latest refresh failed (the offers are the last good ones), or {@code null}
 */
public record OfferSource(String provider, @Nullable Instant fetchedAt, @Nullable Duration age,
		@Nullable ErrorKind error) {

	/**
	 * Validates the source.
	 * @param provider the provider id
	 * @param fetchedAt when read
	 * @param age how old
	 * @param error the failure
	 */
	public OfferSource {
		Objects.requireNonNull(provider, "provider");
	}

}
