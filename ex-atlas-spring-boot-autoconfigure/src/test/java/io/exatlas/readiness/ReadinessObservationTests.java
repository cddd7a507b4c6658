package io.exatlas.readiness;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A probe is one observation with a child per step, each stopped once, so a trace shows where the minutes went; the
 * probe's timer is the time to ready by provider and GPU.
 */
class ReadinessObservationTests {

	private final List<Observation.Context> started = new CopyOnWriteArrayList<>();

	private final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();

	private final MeterRegistry meters = new SimpleMeterRegistry();

	private final ObservationRegistry registry = ObservationRegistry.create();

	private MockWebServer pod;

	private ReactiveReadiness readiness;

	@BeforeEach
	void start() throws IOException {
		this.pod = new MockWebServer();
		this.pod.start();
		this.registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStart(Observation.Context context) {
				ReadinessObservationTests.this.started.add(context);
			}

			@Override
			public void onStop(Observation.Context context) {
				ReadinessObservationTests.this.stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		}).observationHandler(new DefaultMeterObservationHandler(this.meters));
		Compute running = Compute.builder("pod-1", "static")
			.status(ComputeStatus.RUNNING)
			.gpuType("h100")
			.publicIp("127.0.0.1")
			.port(new PortBinding(8000, this.pod.getPort(), PortProtocol.HTTP, null))
			.build();
		this.readiness = new ReactiveReadiness(
				new DefaultReactiveExAtlas(new ComputeProviders(List.of(new Static(running)), "static"),
						new RecordingEventPublisher(), Clock.systemUTC(), "atlas-"),
				WebClient.create(), Schedulers.parallel(), this.registry);
	}

	@AfterEach
	void stop() {
		this.pod.close();
	}

	private Compute spawned() {
		return Compute.builder("pod-1", "static").status(ComputeStatus.PROVISIONING).gpuType("h100").build();
	}

	/** A probe; a passing one gets a step timeout far beyond a cold HTTP client's first call. */
	private static Readiness probe(Duration stepTimeout) {
		return Readiness.running()
			.then(Readiness.http(8000, "/health"))
			.withBackOff(Duration.ofMillis(10), Duration.ofMillis(20))
			.withTimeouts(stepTimeout, Duration.ofSeconds(20));
	}

	@Test
	void aProbeParentsItsStepsAndItsTimerIsTheTimeToReady() {
		this.pod.enqueue(new MockResponse.Builder().code(503).build());
		this.pod.enqueue(new MockResponse.Builder().code(200).build());
		this.readiness.await(spawned(), probe(Duration.ofSeconds(15))).block(Duration.ofSeconds(30));
		assertThat(this.stopped).extracting(Observation.Context::getName)
			.containsExactly("exatlas.compute.readiness.step", "exatlas.compute.readiness.step",
					"exatlas.compute.readiness");
		Observation.Context probe = this.stopped.get(2);
		assertThat(this.stopped.get(0).getParentObservation().getContextView()).isSameAs(probe);
		assertThat(this.stopped.get(0).getLowCardinalityKeyValue("step").getValue()).isEqualTo("running");
		assertThat(this.stopped.get(1).getLowCardinalityKeyValue("step").getValue()).isEqualTo("http");
		assertThat(this.stopped.get(1).getHighCardinalityKeyValue("checks").getValue()).isEqualTo("2");
		assertThat(probe.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("ready");
		assertThat(this.started).hasSameSizeAs(this.stopped);
		assertThat(this.meters.get("exatlas.compute.readiness")
			.tag("provider", "static")
			.tag("gpu", "h100")
			.tag("outcome", "ready")
			.timer()
			.count()).isEqualTo(1);
	}

	@Test
	void aProbeThatFailsStopsEveryObservationOnceNamingTheStep() {
		for (int i = 0; i < 100; i++) {
			this.pod.enqueue(new MockResponse.Builder().code(503).build());
		}
		assertThatException().isThrownBy(() -> this.readiness.await(spawned(), probe(Duration.ofMillis(500)))
			.block(Duration.ofSeconds(30)));
		assertThat(this.started).hasSameSizeAs(this.stopped).hasSize(3);
		Observation.Context probe = this.stopped.get(2);
		assertThat(probe.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("not_ready");
		assertThat(probe.getLowCardinalityKeyValue("step").getValue()).isEqualTo("http");
		assertThat(probe.getError()).isNotNull();
		assertThat(this.stopped.get(1).getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("failed");
	}

	/** A cloud that always reads the same resource. */
	private static final class Static extends FakeGpuCloud {

		private final Compute compute;

		Static(Compute compute) {
			super("static");
			this.compute = compute;
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.just(this.compute);
		}

	}

}
