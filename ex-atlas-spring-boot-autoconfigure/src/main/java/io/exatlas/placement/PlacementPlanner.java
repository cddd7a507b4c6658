package io.exatlas.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Predicate;

import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import org.jspecify.annotations.Nullable;

/**
 * Ranks offers for a request under a policy: the offers for the requested GPU that satisfy every constraint, in
 * the {@link OfferOrder}; every other offer for that GPU with the first constraint it breaks. Pure: the same offers
 * give the same plan.
 */
public final class PlacementPlanner {

	private final OfferOrder order;

	/**
	 * Create the planner.
	 * @param order the order of the candidates
	 */
	public PlacementPlanner(OfferOrder order) {
		this.order = Objects.requireNonNull(order, "order");
	}

	/**
	 * Plan.
	 * @param request the request (its GPU is required)
	 * @param policy the policy
	 * @param offers the offers of every provider asked
	 * @param sources where they came from
	 * @param skipped whether an offer is on the skip list
	 * @return the plan
	 * @throws ExAtlasException {@code VALIDATION} when the request names no GPU
	 */
	public PlacementPlan plan(ComputeRequest request, PlacementPolicy policy, List<Offer> offers,
			List<OfferSource> sources, Predicate<Offer> skipped) {
		String gpu = request.gpu();
		if (gpu == null || gpu.isBlank()) {
			throw ExAtlasException.validation("placement needs a GPU in the request: offers are listed per GPU");
		}
		int count = Math.max(1, request.gpuCount());
		List<PlannedOffer> candidates = new ArrayList<>();
		List<RejectedOffer> rejected = new ArrayList<>();
		for (Offer offer : offers) {
			if (!isFor(offer, gpu)) {
				continue;
			}
			Rejection reason = rejection(offer, policy, count, skipped);
			if (reason != null) {
				rejected.add(new RejectedOffer(offer, reason));
			}
			else {
				candidates.add(new PlannedOffer(offer, offer.pricePerHour(count)));
			}
		}
		candidates.sort(this.order);
		return new PlacementPlan(request, policy, candidates, rejected, sources);
	}

	private static boolean isFor(Offer offer, String gpu) {
		String wanted = gpu.toLowerCase(Locale.ROOT);
		return wanted.equals((offer.gpu() != null) ? offer.gpu().toLowerCase(Locale.ROOT) : null)
				|| wanted.equals(offer.nativeGpuId().toLowerCase(Locale.ROOT));
	}

	private static @Nullable Rejection rejection(Offer offer, PlacementPolicy policy, int count,
			Predicate<Offer> skipped) {
		if (!policy.providers().isEmpty() && !policy.providers().contains(offer.provider())) {
			return Rejection.PROVIDER_NOT_ALLOWED;
		}
		if (!policy.regions().isEmpty() && (offer.region() == null || !policy.regions().contains(offer.region()))) {
			return Rejection.REGION_NOT_ALLOWED;
		}
		if (!policy.cloudTypes().contains(offer.cloudType())) {
			return Rejection.CLOUD_TYPE_NOT_ALLOWED;
		}
		if ((policy.spot() == SpotPolicy.ON_DEMAND && offer.spot())
				|| (policy.spot() == SpotPolicy.SPOT && !offer.spot())) {
			return Rejection.SPOT_POLICY;
		}
		if (!offer.runs(count)) {
			return Rejection.GPU_COUNT;
		}
		if (offer.availability() == GpuAvailability.UNAVAILABLE) {
			return Rejection.UNAVAILABLE;
		}
		BigDecimal limit = policy.maxPricePerHour();
		BigDecimal price = offer.pricePerHour(count);
		if (limit != null && (price == null || price.compareTo(limit) > 0)) {
			return Rejection.OVER_PRICE;
		}
		if (skipped.test(offer)) {
			return Rejection.RECENTLY_FAILED;
		}
		return null;
	}

}
