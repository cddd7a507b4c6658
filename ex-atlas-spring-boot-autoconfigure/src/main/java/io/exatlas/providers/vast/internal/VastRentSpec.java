package io.exatlas.providers.vast.internal;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.PortSpec;
import org.jspecify.annotations.Nullable;

/**
 * A spawn request translated once for Vast and validated (by {@link VastTranslator#spec}): the offer search and the
 * create body for each offer tried are built from it.
 *
 * @param name the instance's label
 * @param gpu the canonical GPU id (for messages)
 * @param gpuName Vast's GPU name
 * @param gpuCount the number of GPUs
 * @param diskGb the disk to allocate
 * @param image the image, or {@code null} when a template supplies it
 * @param templateId the template hash, or {@code null}
 * @param maxPricePerHour the price ceiling, or {@code null}
 * @param minReliability the reliability floor, or {@code null}
 * @param countries the acceptable two-letter countries (upper case), in order
 * @param cloudType secure (datacenter hosts), community or any
 * @param searchFilters raw offer-search filters, by field
 * @param createOptions provider options copied to the create body, by wire field
 * @param env the caller's environment (ports and the spawn token are added per create)
 * @param ports the exposed ports
 * @param spot whether to rent an interruptible (bid) instance
 * @param bidPrice the bid the caller set, or {@code null} for each offer's minimum bid
 */
public record VastRentSpec(String name, String gpu, String gpuName, int gpuCount, int diskGb, @Nullable String image,
		@Nullable String templateId, @Nullable BigDecimal maxPricePerHour, @Nullable BigDecimal minReliability,
		List<String> countries, CloudType cloudType, Map<String, Object> searchFilters,
		Map<String, Object> createOptions, Map<String, String> env, List<PortSpec> ports, boolean spot,
		@Nullable BigDecimal bidPrice) {

	@Override
	public String toString() {
		return "VastRentSpec[name=" + this.name + ", gpu=" + this.gpuCount + "x " + this.gpuName + ", spot="
				+ this.spot + ", env=" + this.env.keySet() + "]";
	}

}
