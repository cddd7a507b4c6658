package io.exatlas.providers.runpod.internal;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Offer;
import io.exatlas.compute.PortSpec;
import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import static io.exatlas.providers.runpod.internal.RunPodWire.PROVIDER;
import static io.exatlas.providers.runpod.internal.RunPodWire.firstNonNull;
import static io.exatlas.providers.runpod.internal.RunPodWire.min;
import static io.exatlas.providers.runpod.internal.RunPodWire.positive;

/**
 * What only RunPod's GraphQL API offers, on the wire: the input of the {@code podRentInterruptable} mutation (spot
 * pods, built from a validated {@link RunPodPodSpec}) and GPU types with their prices and stock.
 */
public final class RunPodSpotTranslator {

	private final GpuCatalog catalog;

	private final String volumeMountPath;

	/**
	 * Create the translator.
	 * @param catalog maps RunPod's GPU ids back to canonical ids
	 * @param volumeMountPath where a persistent volume is mounted
	 */
	public RunPodSpotTranslator(GpuCatalog catalog, String volumeMountPath) {
		this.catalog = catalog;
		this.volumeMountPath = volumeMountPath;
	}

	/**
	 * The {@code input} of the GraphQL {@code podRentInterruptable} mutation.
	 * @param spec the validated spec of a spot request
	 * @param spawnToken the idempotency token added to the pod's environment
	 * @param bidPerGpu the bid in USD per GPU-hour
	 * @return the input object
	 */
	public ObjectNode rentInput(RunPodPodSpec spec, String spawnToken, BigDecimal bidPerGpu) {
		ObjectNode input = WireJson.object();
		input.put("name", spec.name());
		if (spec.image() != null) {
			input.put("imageName", spec.image());
		}
		input.put("gpuTypeId", spec.gpuTypeId());
		input.put("gpuCount", spec.gpuCount());
		input.put("bidPerGpu", bidPerGpu);
		input.put("cloudType", (spec.cloudType() == CloudType.ANY) ? "ALL" : spec.cloudType().name());
		input.put("volumeInGb", (spec.volumeGb() != null) ? spec.volumeGb() : 0);
		if (spec.containerDiskGb() != null) {
			input.put("containerDiskInGb", spec.containerDiskGb());
		}
		input.put("volumeMountPath", this.volumeMountPath);
		if (!spec.ports().isEmpty()) {
			input.put("ports", String.join(",", spec.ports().stream().map(PortSpec::toString).toList()));
		}
		ArrayNode env = input.putArray("env");
		spec.env().forEach((name, value) -> env.addObject().put("key", name).put("value", value));
		env.addObject().put("key", RunPodPodTranslator.SPAWN_TOKEN_ENV).put("value", spawnToken);
		if (!spec.dataCenterIds().isEmpty()) {
			input.put("dataCenterId", spec.dataCenterIds().get(0));
		}
		if (spec.networkVolumeId() != null) {
			input.put("networkVolumeId", spec.networkVolumeId());
		}
		if (spec.templateId() != null) {
			input.put("templateId", spec.templateId());
		}
		spec.options().forEach((key, value) -> {
			if (!key.equals("bidPerGpu")) {
				input.set(key, WireJson.toTree(value));
			}
		});
		return input;
	}

	/**
	 * An entry of the GraphQL {@code gpuTypes} query as a {@link GpuType}; {@code null} for RunPod's pseudo type
	 * {@code unknown}.
	 * @param gpu the entry
	 * @return the GPU type
	 */
	public @Nullable GpuType toGpuType(JsonNode gpu) {
		String id = WireJson.text(gpu, "id");
		if (id == null || id.equalsIgnoreCase("unknown")) {
			return null;
		}
		JsonNode lowest = gpu.path("lowestPrice");
		BigDecimal onDemand = firstNonNull(WireJson.decimal(lowest, "uninterruptablePrice"),
				min(WireJson.decimal(gpu, "securePrice"), WireJson.decimal(gpu, "communityPrice")));
		BigDecimal spot = firstNonNull(WireJson.decimal(lowest, "minimumBidPrice"),
				min(WireJson.decimal(gpu, "secureSpotPrice"), WireJson.decimal(gpu, "communitySpotPrice")));
		return new GpuType(this.catalog.canonicalId(PROVIDER, id).orElse(null), id, PROVIDER,
				WireJson.text(gpu, "displayName"), WireJson.integer(gpu, "memoryInGb"), positive(onDemand),
				positive(spot), availability(firstNonNull(WireJson.text(lowest, "stockStatus"),
						WireJson.text(gpu, "stockStatus"))),
				List.of(), WireJson.toMap(gpu));
	}

	/**
	 * The offers of one GPU type: on demand and spot, in the secure cloud and in the community cloud where RunPod
	 * runs it and prices it (a spot offer of either tier from the lowest bid when RunPod prices spot per type only).
	 * The stock status is RunPod's one figure for the type (it reports none per tier).
	 * @param gpu a {@code gpuTypes} entry
	 * @return the offers (none for an unknown type)
	 */
	public List<Offer> toOffers(JsonNode gpu) {
		GpuType type = toGpuType(gpu);
		if (type == null) {
			return List.of();
		}
		List<Offer> offers = new ArrayList<>();
		addOffer(offers, type, gpu, "secureCloud", CloudType.SECURE, false, "securePrice");
		addOffer(offers, type, gpu, "secureCloud", CloudType.SECURE, true, "secureSpotPrice");
		addOffer(offers, type, gpu, "communityCloud", CloudType.COMMUNITY, false, "communityPrice");
		addOffer(offers, type, gpu, "communityCloud", CloudType.COMMUNITY, true, "communitySpotPrice");
		if (offers.stream().noneMatch(Offer::spot) && type.spotPricePerHour() != null) {
			// Only the lowest bid is known (lowestPrice.minimumBidPrice): RunPod picks the tier.
			offers.add(new Offer(PROVIDER, type.canonicalId(), type.nativeId(), null, null, CloudType.ANY, true,
					type.spotPricePerHour(), type.availability(), null));
		}
		return offers;
	}

	private static void addOffer(List<Offer> offers, GpuType type, JsonNode gpu, String tierFlag, CloudType tier,
			boolean spot, String priceField) {
		BigDecimal price = positive(WireJson.decimal(gpu, priceField));
		if (price == null || gpu.path(tierFlag).isBoolean() && !gpu.path(tierFlag).booleanValue()) {
			return;
		}
		offers.add(new Offer(PROVIDER, type.canonicalId(), type.nativeId(), null, null, tier, spot, price,
				type.availability(), null));
	}

	/**
	 * RunPod's stock status as availability ({@code null} means none reported).
	 * @param stock the wire value
	 * @return the availability
	 */
	static GpuAvailability availability(@Nullable String stock) {
		if (stock == null) {
			return GpuAvailability.UNKNOWN;
		}
		return switch (stock.toUpperCase(Locale.ROOT)) {
			case "HIGH" -> GpuAvailability.HIGH;
			case "MEDIUM" -> GpuAvailability.MEDIUM;
			case "LOW" -> GpuAvailability.LOW;
			case "OUT", "NONE", "UNAVAILABLE" -> GpuAvailability.UNAVAILABLE;
			default -> GpuAvailability.UNKNOWN;
		};
	}

}
