package io.exatlas.providers.lambda;

import java.time.Clock;
import java.util.List;

import io.exatlas.ErrorReason;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferCacheSettings;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.Placement;
import io.exatlas.placement.PlacementAttempt;
import io.exatlas.placement.PlacementPlan;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.test.event.RecordingEventPublisher;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Placement on the wire against the stateful Lambda fake: offers per region with capacity from
 * {@code /instance-types}, fixed GPU counts per instance type, and a region whose capacity ran out between the plan
 * and the launch (Lambda answers 400 {@code insufficient-capacity}) followed by a launch in the next region: one
 * instance in the end.
 */
class LambdaPlacementTests {

	private final LambdaLabsFixture fixture = new LambdaLabsFixture();

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private final ComputeProviders providers = new ComputeProviders(List.of(this.fixture.provider), "lambda-labs");

	private final ComputePlacement placement = new ComputePlacement(new ReactiveComputePlacement(
			new DefaultReactiveExAtlas(this.providers, this.events, Clock.systemUTC(), "atlas-"), this.providers,
			new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(), Runnable::run),
			OfferOrder.cheapestFirst(), this.events, Clock.systemUTC(), Schedulers.parallel()));

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void offersArePerRegionWithCapacityForTheInstanceTypesGpuCount() {
		List<Offer> offers = this.fixture.provider.listOffers(ProviderContext.defaults()).collectList().block();
		assertThat(offers).extracting((offer) -> offer.nativeGpuId() + "/" + offer.gpuCount() + "/" + offer.region()
				+ "/" + offer.availability() + "/" + offer.pricePerGpuHour().toPlainString())
			.containsExactly("gpu_1x_h100_pcie/1/us-east-1/HIGH/2.4900", "gpu_1x_h100_pcie/1/us-west-2/HIGH/2.4900",
					"gpu_8x_h100_sxm5/8/us-west-2/HIGH/2.4900", "gpu_1x_a10/1/null/UNAVAILABLE/0.7500");
		assertThat(offers.get(0).gpu()).isEqualTo("h100");
		assertThat(offers.get(2).gpu()).isEqualTo("h100_sxm");
		assertThat(offers).extracting(Offer::availability).doesNotContain(GpuAvailability.UNKNOWN);
	}

	@Test
	void aRegionThatRanOutBetweenPlanAndLaunchIsFollowedByTheNextAndOneInstanceRuns() {
		ComputeRequest request = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build();
		PlacementPlan plan = this.placement.offers(request, PlacementPolicy.defaults());
		assertThat(plan.candidates()).extracting((planned) -> planned.offer().region())
			.containsExactly("us-east-1", "us-west-2");
		this.fixture.fake.failNext("POST", "/api/v1/instance-operations/launch",
				FakeLambda.error(400, LambdaLabsTranslator.INSUFFICIENT_CAPACITY_CODE,
						"Not enough capacity to fulfill launch request."));

		Placement placed = this.placement.place(request, PlacementPolicy.defaults());

		assertThat(placed.attempts()).extracting(PlacementAttempt::outcome)
			.containsExactly(PlacementAttempt.Outcome.NO_CAPACITY, PlacementAttempt.Outcome.PLACED);
		assertThat(placed.attempts().get(0).errorReason()).isEqualTo(ErrorReason.INSUFFICIENT_CAPACITY);
		assertThat(this.fixture.fake.exchanges("POST", "/api/v1/instance-operations/launch"))
			.extracting((exchange) -> exchange.body().path("region_name").asString())
			.containsExactly("us-east-1", "us-west-2");
		assertThat(this.fixture.fake.instances).hasSize(1);
		assertThat(placed.compute().region()).isEqualTo("us-west-2");
	}

	@Test
	void aRegionTheInstanceTypesNoLongerListIsNotLaunchedInAtAll() {
		ComputeRequest request = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build();
		this.placement.offers(request, PlacementPolicy.defaults());
		this.fixture.fake.capacity.put("gpu_1x_h100_pcie", List.of("us-west-2"));
		Placement placed = this.placement.place(request, PlacementPolicy.defaults());
		assertThat(placed.attempts()).extracting(PlacementAttempt::outcome)
			.containsExactly(PlacementAttempt.Outcome.NO_CAPACITY, PlacementAttempt.Outcome.PLACED);
		assertThat(this.fixture.fake.exchanges("POST", "/api/v1/instance-operations/launch"))
			.as("the provider checks capacity before it spends a launch")
			.extracting((exchange) -> exchange.body().path("region_name").asString())
			.containsExactly("us-west-2");
	}

	@Test
	void eightGpusArePlacedOnlyOnAnEightGpuInstanceType() {
		ComputeRequest request = ComputeRequest.builder()
			.gpu("h100_sxm")
			.gpuCount(8)
			.image("vllm/vllm-openai:latest")
			.build();
		Placement placed = this.placement.place(request, PlacementPolicy.defaults());
		assertThat(placed.offer().nativeGpuId()).isEqualTo("gpu_8x_h100_sxm5");
		assertThat(this.fixture.fake.exchanges("POST", "/api/v1/instance-operations/launch")).singleElement()
			.satisfies((exchange) -> assertThat(exchange.body().path("instance_type_name").asString())
				.isEqualTo("gpu_8x_h100_sxm5"));
		assertThat(this.placement.offers(request.toBuilder().gpuCount(2).build(), PlacementPolicy.defaults())
			.candidates()).isEmpty();
	}

}
