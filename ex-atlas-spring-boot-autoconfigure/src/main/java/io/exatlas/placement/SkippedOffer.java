package io.exatlas.placement;

import java.time.Instant;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A (provider, region, GPU) left out of plans until a moment, because a create there just failed for capacity.
 *
 * @param provider the provider id
 * @param region the region, or {@code null} when the offer had none
 * @param gpu the GPU id (canonical when catalogued, else the provider's)
 * @param until when it is planned again
 */
public record SkippedOffer(String provider, @Nullable String region, String gpu, Instant until) {

	/**
	 * Validates the entry.
	 * @param provider the provider id
	 * @param region the region
	 * @param gpu the GPU id
	 * @param until the end of the skip
	 */
	public SkippedOffer {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(gpu, "gpu");
		Objects.requireNonNull(until, "until");
	}

}
