package io.exatlas.compute.observation;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.providers.mock.MockComputeProvider;
import io.micrometer.common.KeyValue;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

class ComputeObservationsTests {

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final List<Object> parentSeen = new CopyOnWriteArrayList<>();

	private final ObservationRegistry registry = ObservationRegistry.create();

	ComputeObservationsTests() {
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				ComputeObservationsTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	private ReactiveExAtlas facade(MockComputeProvider mock) {
		return new DefaultReactiveExAtlas(new ComputeProviders(List.of(mock), "mock"), ExAtlasEventPublisher.noop(),
				Clock.systemUTC(), "atlas-", new ComputeObservations(this.registry, null));
	}

	@Test
	void everyOperationIsAnObservationWithLowCardinalityKeysAndTheReactorContextCarriesIt() {
		MockComputeProvider mock = new MockComputeProvider(io.exatlas.compute.GpuCatalog.builtIn(), Clock.systemUTC(),
				reactor.core.scheduler.Schedulers.parallel(), java.time.Duration.ZERO, 1);
		ReactiveExAtlas atlas = facade(mock);
		String id = atlas.spawn(ComputeRequest.builder().gpu("h100").build()).block().id();
		atlas.list(io.exatlas.compute.ComputeFilter.all()).collectList().block();
		assertThatException().isThrownBy(() -> atlas.get("missing").block());
		assertThat(this.stopped).hasSize(3).allSatisfy((context) -> {
			assertThat(context.getName()).isEqualTo("exatlas.compute.operation");
			assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getKey))
				.containsExactlyInAnyOrder("provider", "operation", "outcome", "error.kind");
			assertThat(context.getLowCardinalityKeyValues().stream().map(KeyValue::getValue)).doesNotContain(id);
		});
		assertThat(this.stopped.get(0).getContextualName()).isEqualTo("mock spawn");
		assertThat(this.stopped.get(2).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("error");
		assertThat(this.stopped.get(2).getLowCardinalityKeyValue("error.kind").getValue()).isEqualTo("not_found");
		assertThat(this.stopped.get(2).getError()).isNotNull();

		ComputeObservations observations = new ComputeObservations(this.registry, null);
		observations.observe("mock", io.exatlas.compute.ComputeOperation.GET,
				Mono.deferContextual((context) -> Mono.just(context.hasKey("micrometer.observation"))))
			.doOnNext(this.parentSeen::add)
			.block();
		assertThat(this.parentSeen).containsExactly(true);
	}

	@Test
	void anOperationTakenThenCancelledByItsSubscriberStopsOnceAsASuccess() {
		MockComputeProvider mock = new MockComputeProvider(io.exatlas.compute.GpuCatalog.builtIn(), Clock.systemUTC(),
				reactor.core.scheduler.Schedulers.parallel(), java.time.Duration.ZERO, 1);
		reactor.core.publisher.Flux.from(facade(mock).spawn(ComputeRequest.builder().gpu("h100").build())).next().block();
		assertThat(this.stopped).singleElement()
			.satisfies((context) -> assertThat(context.getLowCardinalityKeyValue("outcome").getValue())
				.isEqualTo("success"));
	}

	@Test
	void theMetersKeepTheErrorKindAndShowNoCancelledSeriesUnlessSomethingWasCancelled() {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry observed = ObservationRegistry.create();
		observed.observationConfig().observationHandler(new DefaultMeterObservationHandler(meters));
		MockComputeProvider mock = new MockComputeProvider(io.exatlas.compute.GpuCatalog.builtIn(), Clock.systemUTC(),
				reactor.core.scheduler.Schedulers.parallel(), java.time.Duration.ZERO, 1);
		ReactiveExAtlas atlas = new DefaultReactiveExAtlas(new ComputeProviders(List.of(mock), "mock"),
				ExAtlasEventPublisher.noop(), Clock.systemUTC(), "atlas-", new ComputeObservations(observed, null));
		atlas.spawn(ComputeRequest.builder().gpu("h100").build()).block();
		assertThatException().isThrownBy(() -> atlas.get("missing").block());
		assertThatException().isThrownBy(() -> atlas.spawn(ComputeRequest.builder().gpu("no-such-gpu").build()).block());
		assertThat(meters.find("exatlas.compute.operation").timers())
			.extracting((timer) -> timer.getId().getTag("operation") + " " + timer.getId().getTag("outcome") + " "
					+ timer.getId().getTag("error.kind"))
			.containsExactlyInAnyOrder("spawn success none", "get error not_found", "spawn error validation");
		assertThat(meters.getMeters()).as("no cancelled series, live or ended")
			.allSatisfy((meter) -> assertThat(meter.getId().getTags())
				.noneSatisfy((tag) -> assertThat(tag.getValue()).isEqualTo("cancelled")));
		assertThat(meters.find("exatlas.compute.operation.active").longTaskTimers()).allSatisfy(
				(timer) -> assertThat(timer.getId().getTag("outcome")).as("a running call has no outcome yet").isNull());
		atlas.spawn(ComputeRequest.builder().gpu("h100").build()).block();
		atlas.list(io.exatlas.compute.ComputeFilter.all()).take(1).blockLast();
		assertThat(meters.find("exatlas.compute.operation").tag("outcome", "cancelled").timers())
			.as("a list its caller stopped reading is cancelled, with its own error kind")
			.singleElement()
			.satisfies((timer) -> assertThat(timer.getId().getTag("error.kind")).isEqualTo("cancelled"));
	}

	@Test
	void aNoopRegistryLeavesCallsUntouched() {
		Mono<String> call = Mono.just("x");
		assertThat(ComputeObservations.NOOP.observe("mock", io.exatlas.compute.ComputeOperation.GET, call))
			.isSameAs(call);
	}

}
