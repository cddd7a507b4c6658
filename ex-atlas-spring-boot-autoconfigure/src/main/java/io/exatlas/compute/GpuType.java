package io.exatlas.compute;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * A GPU type a provider offers, with live prices where the provider publishes them.
 *
 * @param canonicalId the canonical id from the {@link GpuCatalog}, when the native id is catalogued
 * @param nativeId the provider's own id
 * @param provider the provider id
 * @param displayName a human-readable name
 * @param memoryGb GPU memory in GB
 * @param onDemandPricePerHour lowest on-demand price in USD per GPU-hour
 * @param spotPricePerHour lowest spot / bid price in USD per GPU-hour
 * @param availability current availability
 * @param regions regions with capacity, when the provider lists them
 * @param raw the provider's payload
 */
public record GpuType(@Nullable String canonicalId, String nativeId, String provider, @Nullable String displayName,
		@Nullable Integer memoryGb, @Nullable BigDecimal onDemandPricePerHour, @Nullable BigDecimal spotPricePerHour,
		GpuAvailability availability, List<String> regions, Map<String, Object> raw) {

	/**
	 * Validates the GPU type.
	 * @param canonicalId canonical id
	 * @param nativeId native id
	 * @param provider provider
	 * @param displayName display name
	 * @param memoryGb memory
	 * @param onDemandPricePerHour on-demand price
	 * @param spotPricePerHour spot price
	 * @param availability availability
	 * @param regions regions
	 * @param raw raw payload
	 */
	public GpuType {
		Objects.requireNonNull(nativeId, "nativeId");
		Objects.requireNonNull(provider, "provider");
		availability = (availability != null) ? availability : GpuAvailability.UNKNOWN;
		regions = (regions != null) ? List.copyOf(regions) : List.of();
		raw = (raw != null) ? java.util.Collections.unmodifiableMap(new LinkedHashMap<>(raw)) : Map.of();
	}

}
