package io.exatlas.compute;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * One way a provider can run a GPU request now, as the provider reports it: where, on which tier, at what price per
 * GPU-hour and with what availability. Offers are what placement ranks and walks ({@code io.exatlas.placement}).
 *
 * @param provider the provider id
 * @param gpu the canonical GPU id, when the provider's id is catalogued
 * @param nativeGpuId the provider's own GPU id (or instance type)
 * @param gpuCount the only GPU count this offer runs (an instance type such as Lambda's {@code gpu_8x_h100}), or
 * {@code null} when any count is possible
 * @param region the region or country, or {@code null} when the provider places it
 * @param cloudType the tier ({@link CloudType#ANY} when the provider has one)
 * @param spot whether it is interruptible (spot / bid)
 * @param pricePerGpuHour the price in USD per GPU-hour, or {@code null} when the provider publishes none
 * @param availability the availability as the provider reports it
 * @param fetchedAt when the offer was read from the provider, or {@code null} before an offer cache stamped it
 */
public record Offer(String provider, @Nullable String gpu, String nativeGpuId, @Nullable Integer gpuCount,
		@Nullable String region, CloudType cloudType, boolean spot, @Nullable BigDecimal pricePerGpuHour,
		GpuAvailability availability, @Nullable Instant fetchedAt) {

	/**
	 * Validates the offer.
	 * @param provider the provider id
	 * @param gpu the canonical GPU id
	 * @param nativeGpuId the native id
	 * @param gpuCount the fixed GPU count
	 * @param region the region
	 * @param cloudType the tier
	 * @param spot whether interruptible
	 * @param pricePerGpuHour the price per GPU-hour
	 * @param availability the availability
	 * @param fetchedAt when it was read
	 */
	public Offer {
		Objects.requireNonNull(provider, "provider");
		Objects.requireNonNull(nativeGpuId, "nativeGpuId");
		Objects.requireNonNull(cloudType, "cloudType");
		availability = (availability != null) ? availability : GpuAvailability.UNKNOWN;
		if (gpuCount != null && gpuCount < 1) {
			throw new IllegalArgumentException("gpuCount must be at least 1, was " + gpuCount);
		}
		if (pricePerGpuHour != null && pricePerGpuHour.signum() < 0) {
			throw new IllegalArgumentException("pricePerGpuHour must not be negative, was " + pricePerGpuHour);
		}
	}

	/**
	 * The offers a GPU type stands for: one per region it lists (or one without a region), on demand at its
	 * on-demand price, and interruptible at its spot price when it has one and the provider offers spot.
	 * @param type the GPU type
	 * @param spotOffered whether the provider can spawn spot resources
	 * @return the offers
	 */
	public static List<Offer> of(GpuType type, boolean spotOffered) {
		List<Offer> offers = new ArrayList<>();
		List<String> regions = type.regions().isEmpty() ? java.util.Collections.singletonList(null) : type.regions();
		for (String region : regions) {
			offers.add(new Offer(type.provider(), type.canonicalId(), type.nativeId(), null, region, CloudType.ANY,
					false, type.onDemandPricePerHour(), type.availability(), null));
			if (spotOffered && type.spotPricePerHour() != null) {
				offers.add(new Offer(type.provider(), type.canonicalId(), type.nativeId(), null, region, CloudType.ANY,
						true, type.spotPricePerHour(), type.availability(), null));
			}
		}
		return offers;
	}

	/**
	 * The same offer, stamped with when it was read.
	 * @param at the instant
	 * @return the offer
	 */
	public Offer fetchedAt(Instant at) {
		return new Offer(this.provider, this.gpu, this.nativeGpuId, this.gpuCount, this.region, this.cloudType,
				this.spot, this.pricePerGpuHour, this.availability, at);
	}

	/**
	 * The price of running {@code gpus} GPUs on this offer for an hour.
	 * @param gpus the GPU count
	 * @return the price, or {@code null} when the provider publishes none
	 */
	public @Nullable BigDecimal pricePerHour(int gpus) {
		return (this.pricePerGpuHour != null) ? this.pricePerGpuHour.multiply(BigDecimal.valueOf(gpus)) : null;
	}

	/**
	 * Whether the offer can run this many GPUs.
	 * @param gpus the GPU count
	 * @return whether it can
	 */
	public boolean runs(int gpus) {
		return this.gpuCount == null || this.gpuCount == gpus;
	}

}
