package io.exatlas.placement;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import io.exatlas.compute.CloudType;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The planner over generated offers and policies (500 seeds; a failure names its seed): every offer for the requested
 * GPU is either ranked or left out with a reason it really has; every ranked offer satisfies every constraint; the
 * first is the cheapest of them; and every cheaper offer was left out with a recorded reason.
 */
class PlacementPlannerPropertyTests {

	private static final List<String> PROVIDERS = List.of("alpha", "beta", "gamma");

	private static final List<String> REGIONS = List.of("r1", "r2", "r3");

	private final PlacementPlanner planner = new PlacementPlanner(OfferOrder.cheapestFirst());

	static LongStream seeds() {
		return LongStream.range(0, 500);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void theChosenOfferSatisfiesEveryConstraintAndNoCheaperOneWasSkippedWithoutAReason(long seed) {
		Random random = new Random(seed);
		List<Offer> offers = offers(random);
		PlacementPolicy policy = policy(random);
		int gpus = 1 + random.nextInt(8);
		Set<Integer> skippedHashes = new java.util.HashSet<>(List.of(random.nextInt(7), random.nextInt(7)));
		Predicate<Offer> skipped = (offer) -> skippedHashes.contains(Math.floorMod(offer.hashCode(), 7));
		ComputeRequest request = ComputeRequest.builder().gpu("h100").gpuCount(gpus).image("img").build();

		PlacementPlan plan = this.planner.plan(request, policy, offers, List.of(), skipped);

		List<Offer> forGpu = offers.stream().filter((offer) -> "h100".equals(offer.gpu())).toList();
		List<Offer> planned = plan.candidates().stream().map(PlannedOffer::offer).toList();
		List<Offer> rejected = plan.rejected().stream().map(RejectedOffer::offer).toList();
		List<Offer> accounted = new ArrayList<>(planned);
		accounted.addAll(rejected);
		assertThat(accounted).as("seed %d: every offer for the GPU is ranked or left out, once", seed)
			.containsExactlyInAnyOrderElementsOf(forGpu);
		assertThat(planned).as("seed %d", seed).allSatisfy((offer) -> assertThat(breaks(offer, policy, gpus, skipped))
			.as("seed %d: a ranked offer breaks nothing", seed)
			.isEmpty());
		plan.rejected()
			.forEach((left) -> assertThat(breaks(left.offer(), policy, gpus, skipped))
				.as("seed %d: %s left out for a reason it has", seed, left.offer())
				.contains(left.reason()));
		for (int i = 1; i < plan.candidates().size(); i++) {
			BigDecimal before = plan.candidates().get(i - 1).pricePerHour();
			BigDecimal after = plan.candidates().get(i).pricePerHour();
			assertThat(before == null && after != null).as("seed %d: unpriced offers come last", seed).isFalse();
			if (before != null && after != null) {
				assertThat(before).as("seed %d: cheapest first", seed).isLessThanOrEqualTo(after);
			}
		}
		if (!plan.candidates().isEmpty() && plan.candidates().get(0).pricePerHour() != null) {
			BigDecimal chosen = plan.candidates().get(0).pricePerHour();
			forGpu.stream()
				.filter((offer) -> offer.pricePerHour(gpus) != null && offer.pricePerHour(gpus).compareTo(chosen) < 0)
				.forEach((cheaper) -> assertThat(rejected).as("seed %d: cheaper %s has a recorded reason", seed, cheaper)
					.contains(cheaper));
		}
		assertThat(plan.candidates().stream().map(PlannedOffer::pricePerHour))
			.as("seed %d: the plan's price is the offer's for the request", seed)
			.containsExactlyElementsOf(planned.stream().map((offer) -> offer.pricePerHour(gpus)).toList());
	}

	/** Every constraint the offer breaks, judged independently of the planner. */
	private static Set<Rejection> breaks(Offer offer, PlacementPolicy policy, int gpus, Predicate<Offer> skipped) {
		Set<Rejection> broken = java.util.EnumSet.noneOf(Rejection.class);
		if (!policy.providers().isEmpty() && !policy.providers().contains(offer.provider())) {
			broken.add(Rejection.PROVIDER_NOT_ALLOWED);
		}
		if (!policy.regions().isEmpty() && (offer.region() == null || !policy.regions().contains(offer.region()))) {
			broken.add(Rejection.REGION_NOT_ALLOWED);
		}
		if (!policy.cloudTypes().contains(offer.cloudType())) {
			broken.add(Rejection.CLOUD_TYPE_NOT_ALLOWED);
		}
		if (policy.spot() != SpotPolicy.EITHER && offer.spot() != (policy.spot() == SpotPolicy.SPOT)) {
			broken.add(Rejection.SPOT_POLICY);
		}
		if (offer.gpuCount() != null && offer.gpuCount() != gpus) {
			broken.add(Rejection.GPU_COUNT);
		}
		if (offer.availability() == GpuAvailability.UNAVAILABLE) {
			broken.add(Rejection.UNAVAILABLE);
		}
		if (policy.maxPricePerHour() != null && (offer.pricePerGpuHour() == null || offer.pricePerGpuHour()
			.multiply(BigDecimal.valueOf(gpus))
			.compareTo(policy.maxPricePerHour()) > 0)) {
			broken.add(Rejection.OVER_PRICE);
		}
		if (skipped.test(offer)) {
			broken.add(Rejection.RECENTLY_FAILED);
		}
		return broken;
	}

	private static List<Offer> offers(Random random) {
		List<Offer> offers = new ArrayList<>();
		int count = random.nextInt(40);
		for (int i = 0; i < count; i++) {
			String gpu = random.nextInt(4) == 0 ? "a100" : "h100";
			String provider = PROVIDERS.get(random.nextInt(PROVIDERS.size()));
			String region = random.nextInt(5) == 0 ? null : REGIONS.get(random.nextInt(REGIONS.size()));
			CloudType tier = CloudType.values()[random.nextInt(CloudType.values().length)];
			Integer fixedCount = random.nextInt(3) == 0 ? 1 << random.nextInt(4) : null;
			BigDecimal price = random.nextInt(8) == 0 ? null : BigDecimal.valueOf(random.nextInt(1000), 2);
			GpuAvailability availability = GpuAvailability.values()[random.nextInt(GpuAvailability.values().length)];
			offers.add(new Offer(provider, gpu, provider + "-" + gpu + "-" + i, fixedCount, region, tier,
					random.nextBoolean(), price, availability, null));
		}
		return offers;
	}

	private static PlacementPolicy policy(Random random) {
		PlacementPolicy.Builder policy = PlacementPolicy.builder();
		PROVIDERS.stream().filter((provider) -> random.nextInt(3) == 0).forEach(policy::providers);
		REGIONS.stream().filter((region) -> random.nextInt(3) == 0).forEach(policy::regions);
		if (random.nextBoolean()) {
			policy.maxPricePerHour(BigDecimal.valueOf(random.nextInt(4000), 2));
		}
		for (CloudType tier : CloudType.values()) {
			if (random.nextInt(3) == 0) {
				policy.cloudTypes(tier);
			}
		}
		policy.spot(SpotPolicy.values()[random.nextInt(SpotPolicy.values().length)]);
		return policy.build();
	}

}
