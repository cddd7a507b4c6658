package io.exatlas.placement;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A placement is one observation (its timer is the time to placement) with a child per attempt, and each attempt's
 * spawn is the attempt's child; every observation stops exactly once, failed or not.
 */
class PlacementObservationTests {

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final FakeGpuCloud alpha = new FakeGpuCloud("alpha").region("a-east", "2.00", 0).region("a-west", "2.50", 1);

	private final ComputePlacement placement;

	PlacementObservationTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				PlacementObservationTests.this.started.add(context);
			}

			@Override
			public void onStop(Observation.Context context) {
				PlacementObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		}).observationHandler(new DefaultMeterObservationHandler(this.meters));
		ComputeProviders providers = new ComputeProviders(List.of(this.alpha), "alpha");
		this.placement = new ComputePlacement(new ReactiveComputePlacement(
				new DefaultReactiveExAtlas(providers, new RecordingEventPublisher(), Clock.systemUTC(), "atlas-",
						new ComputeObservations(this.registry, null)),
				providers, new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(),
						Runnable::run),
				OfferOrder.cheapestFirst(), new RecordingEventPublisher(), Clock.systemUTC(), Schedulers.parallel(),
				this.registry, new LocalIdempotentSpawns(java.time.Duration.ofMinutes(10), Clock.systemUTC()),
				AdmissionControl.NONE));
	}

	private static ComputeRequest h100() {
		return ComputeRequest.builder().gpu("h100").image("img").build();
	}

	@Test
	void thePlacementParentsItsAttemptsWhichParentTheirSpawns() {
		this.placement.place(h100(), PlacementPolicy.defaults());
		assertThat(this.stopped).extracting(Observation.Context::getName)
			.containsExactly("exatlas.compute.operation", "exatlas.compute.placement.attempt",
					"exatlas.compute.operation", "exatlas.compute.placement.attempt", "exatlas.compute.placement");
		Observation.Context placement = this.stopped.get(4);
		Observation.Context firstAttempt = this.stopped.get(1);
		assertThat(firstAttempt.getParentObservation().getContextView()).isSameAs(placement);
		assertThat(this.stopped.get(0).getParentObservation().getContextView()).isSameAs(firstAttempt);
		assertThat(firstAttempt.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("no_capacity");
		assertThat(firstAttempt.getLowCardinalityKeyValue("error.kind").getValue()).isEqualTo("provider");
		assertThat(firstAttempt.getHighCardinalityKeyValue("region").getValue()).isEqualTo("a-east");
		assertThat(this.stopped.get(3).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("placed");
		assertThat(placement.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("placed");
		assertThat(placement.getLowCardinalityKeyValue("provider").getValue()).isEqualTo("alpha");
		assertThat(placement.getLowCardinalityKeyValue("gpu").getValue()).isEqualTo("h100");
		assertThat(placement.getHighCardinalityKeyValue("attempts").getValue()).isEqualTo("2");
		assertThat(this.started).hasSameSizeAs(this.stopped);
		assertThat(this.meters.get("exatlas.compute.placement").tag("outcome", "placed").timer().count()).isEqualTo(1);
		assertThat(this.meters.get("exatlas.compute.placement.attempt")
			.tag("outcome", "no_capacity")
			.tag("provider", "alpha")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aFailedPlacementStopsEveryObservationOnceWithTheError() {
		this.alpha.capacity.replaceAll((region, left) -> 0);
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> this.placement.place(h100(), PlacementPolicy.defaults()));
		assertThat(this.started).hasSameSizeAs(this.stopped).hasSize(5);
		Observation.Context placement = this.stopped.get(4);
		assertThat(placement.getName()).isEqualTo("exatlas.compute.placement");
		assertThat(placement.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failed");
		assertThat(placement.getLowCardinalityKeyValue("provider").getValue()).isEqualTo("none");
		assertThat(placement.getError()).isInstanceOf(PlacementException.class);
		assertThat(this.stopped).filteredOn((context) -> context.getName().equals("exatlas.compute.placement.attempt"))
			.allSatisfy((attempt) -> assertThat(attempt.getError()).as("capacity is not an error of the attempt")
				.isNull());
	}

}
