package io.exatlas.readiness;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionPhase;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.orchestrator.TerminationReason;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Sessions spawned ready: the spawn completes when the probe passes and the session is READY; a pod that never
 * becomes healthy is terminated (nothing billed for it) unless the caller chose to keep it, and the events say
 * which, in order.
 */
class ReadySessionTests {

	private MockWebServer pod;

	private final Pod cloud = new Pod();

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private final Scheduler timer = Schedulers.newSingle("ready-sessions");

	private ComputeOrchestrator orchestrator;

	@BeforeEach
	void start() throws IOException {
		this.pod = new MockWebServer();
		this.pod.start();
		this.cloud.port = this.pod.getPort();
		ComputeProviders providers = new ComputeProviders(List.of(this.cloud), "pod");
		DefaultReactiveExAtlas exatlas = new DefaultReactiveExAtlas(providers, this.events, Clock.systemUTC(),
				"atlas-");
		this.orchestrator = new ComputeOrchestrator(exatlas, new InMemorySessionRegistry(), this.events,
				Clock.systemUTC(), this.timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "i-1", "atlas-"),
				MembershipSettings.defaults(), new SessionServices(null,
						new ReactiveReadiness(exatlas, WebClient.create(), Schedulers.parallel()), AdmissionControl.NONE));
		this.orchestrator.start();
	}

	@AfterEach
	void stop() {
		this.orchestrator.stop();
		this.pod.close();
		this.timer.dispose();
	}

	private static Readiness probe(Duration stepTimeout) {
		return Readiness.running()
			.then(Readiness.port(8000))
			.then(Readiness.http(8000, "/health"))
			.withBackOff(Duration.ofMillis(10), Duration.ofMillis(40))
			.withTimeouts(stepTimeout, Duration.ofSeconds(20));
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").httpPort(8000).build();
	}

	private List<String> sessionEvents() {
		return this.events.ofType(ComputeSessionEvent.class)
			.stream()
			.map((event) -> event.type() + ((event.status() != null) ? " " + event.status() : "")
					+ ((event.reason() != null) ? " " + event.reason() : "")
					+ ((event.errorKind() != null) ? " " + event.errorKind() : ""))
			.toList();
	}

	@Test
	void theSpawnCompletesWhenTheProbePassesAndTheSessionIsReady() {
		this.pod.enqueue(new MockResponse.Builder().code(503).build());
		this.pod.enqueue(new MockResponse.Builder().code(200).build());
		TrackedSession session = this.orchestrator.spawn(request(),
				SessionOptions.forUser("alice").withReadiness(probe(Duration.ofSeconds(15))));
		assertThat(session.phase()).isEqualTo(SessionPhase.READY);
		assertThat(session.compute().ports()).isNotEmpty();
		assertThat(this.orchestrator.get(session.id())).hasValueSatisfying(
				(tracked) -> assertThat(tracked.phase()).isEqualTo(SessionPhase.READY));
		assertThat(sessionEvents()).containsExactly("STATUS PROVISIONING", "READY RUNNING");
		assertThat(this.cloud.terminated).isEmpty();
	}

	@Test
	void aPodThatNeverBecomesHealthyIsTerminatedAndTheSpawnFailsTyped() {
		for (int i = 0; i < 200; i++) {
			this.pod.enqueue(new MockResponse.Builder().code(503).build());
		}
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.orchestrator.spawn(request(),
					SessionOptions.forUser("alice").withReadiness(probe(Duration.ofMillis(300)))))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.code()).hasValue("not_ready");
			});
		assertThat(this.cloud.terminated).containsExactly("pod-1");
		assertThat(this.orchestrator.trackedCount()).isZero();
		assertThat(sessionEvents()).containsExactly("STATUS PROVISIONING", "NOT_READY TIMEOUT",
				"TERMINATING " + TerminationReason.NOT_READY, "STATUS TERMINATED");
	}

	@Test
	void aPodTheCallerKeepsStaysTrackedAsNotReady() {
		for (int i = 0; i < 200; i++) {
			this.pod.enqueue(new MockResponse.Builder().code(503).build());
		}
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.orchestrator.spawn(request(),
				SessionOptions.forUser("alice").withReadiness(probe(Duration.ofMillis(300)), true)));
		assertThat(this.cloud.terminated).isEmpty();
		assertThat(this.orchestrator.list()).singleElement()
			.satisfies((session) -> assertThat(session.phase()).isEqualTo(SessionPhase.NOT_READY));
	}

	@Test
	void theSpawnIsOneObservationParentingTheCloudsSpawnAndTheProbe() {
		List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				stopped.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
		ComputeProviders providers = new ComputeProviders(List.of(this.cloud), "pod");
		DefaultReactiveExAtlas exatlas = new DefaultReactiveExAtlas(providers, this.events, Clock.systemUTC(), "atlas-",
				new ComputeObservations(registry, null));
		ComputeOrchestrator observed = new ComputeOrchestrator(exatlas, new InMemorySessionRegistry(), this.events,
				Clock.systemUTC(), this.timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "i-2", "atlas-"),
				MembershipSettings.defaults(),
				new SessionServices(null, new ReactiveReadiness(exatlas, WebClient.create(), Schedulers.parallel(),
						registry), AdmissionControl.NONE, registry));
		observed.start();
		try {
			this.pod.enqueue(new MockResponse.Builder().code(200).build());
			observed.spawn(request(), SessionOptions.forUser("alice").withReadiness(probe(Duration.ofSeconds(15))));
		}
		finally {
			observed.stop();
		}
		Observation.Context spawn = stopped.stream()
			.filter((context) -> context.getName().equals("exatlas.compute.spawn"))
			.findFirst()
			.orElseThrow();
		assertThat(spawn.getLowCardinalityKeyValue("outcome").getValue()).isEqualTo("ready");
		assertThat(spawn.getLowCardinalityKeyValue("provider").getValue()).isEqualTo("pod");
		assertThat(stopped).filteredOn((context) -> context.getParentObservation() != null
				&& context.getParentObservation().getContextView() == spawn)
			.extracting(Observation.Context::getName)
			.containsExactlyInAnyOrder("exatlas.compute.operation", "exatlas.compute.readiness");
	}

	/** A cloud whose pod is provisioning at first, then running with its port published on the local server. */
	private static final class Pod extends FakeGpuCloud {

		volatile int port;

		final List<String> terminated = new CopyOnWriteArrayList<>();

		private final AtomicReference<Integer> reads = new AtomicReference<>(0);

		Pod() {
			super("pod");
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return Mono.just(Compute.builder("pod-1", "pod").status(ComputeStatus.PROVISIONING).build());
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.fromSupplier(() -> {
				if (this.terminated.contains(id)) {
					return Compute.builder(id, "pod").status(ComputeStatus.TERMINATED).build();
				}
				int read = this.reads.updateAndGet((count) -> count + 1);
				if (read < 2) {
					return Compute.builder(id, "pod").status(ComputeStatus.PROVISIONING).build();
				}
				return Compute.builder(id, "pod")
					.status(ComputeStatus.RUNNING)
					.publicIp("127.0.0.1")
					.port(new PortBinding(8000, this.port, PortProtocol.HTTP, null))
					.build();
			});
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return Mono.fromRunnable(() -> this.terminated.add(id));
		}

	}

}
