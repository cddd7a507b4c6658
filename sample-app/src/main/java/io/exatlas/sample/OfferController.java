package io.exatlas.sample;

import java.math.BigDecimal;
import java.util.List;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.PlacementPlan;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.SpotPolicy;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ranked offers for a GPU across every configured provider (a dry run of placement; nothing is spawned):
 * {@code GET /api/offers?gpu=h100&maxPricePerHour=3&spot=EITHER}.
 */
@RestController
class OfferController {

	private final ComputePlacement placement;

	OfferController(ComputePlacement placement) {
		this.placement = placement;
	}

	@GetMapping("/api/offers")
	OffersView offers(@RequestParam String gpu, @RequestParam(defaultValue = "1") int gpuCount,
			@RequestParam(required = false) @Nullable BigDecimal maxPricePerHour,
			@RequestParam(defaultValue = "ON_DEMAND") SpotPolicy spot) {
		PlacementPlan plan = this.placement.offers(ComputeRequest.builder().gpu(gpu).gpuCount(gpuCount).build(),
				PlacementPolicy.builder().maxPricePerHour(maxPricePerHour).spot(spot).build());
		return new OffersView(
				plan.candidates().stream().map((planned) -> new OfferView(planned.offer().provider(),
						planned.offer().region(), planned.offer().cloudType().name(), planned.offer().spot(),
						planned.pricePerHour(), planned.offer().availability().name(), null)).toList(),
				plan.rejected().stream().map((rejected) -> new OfferView(rejected.offer().provider(),
						rejected.offer().region(), rejected.offer().cloudType().name(), rejected.offer().spot(),
						rejected.offer().pricePerHour(gpuCount), rejected.offer().availability().name(),
						rejected.reason().name())).toList());
	}

	/**
	 * The plan as the API answers it.
	 *
	 * @param candidates the offers placement would try, in order
	 * @param rejected the offers left out, with the reason
	 */
	record OffersView(List<OfferView> candidates, List<OfferView> rejected) {
	}

	/**
	 * One offer.
	 *
	 * @param provider the provider
	 * @param region the region
	 * @param cloudType the tier
	 * @param spot whether interruptible
	 * @param pricePerHour the request's price per hour
	 * @param availability the availability
	 * @param rejected why it was left out, if it was
	 */
	record OfferView(String provider, @Nullable String region, String cloudType, boolean spot,
			@Nullable BigDecimal pricePerHour, String availability, @Nullable String rejected) {
	}

}
