package io.exatlas.orchestrator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.event.RecordingEventPublisher;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A mock provider, the facade, an in-memory registry and an orchestrator on virtual time.
 */
final class OrchestratorFixture {

	final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	final Clock clock = new SchedulerClock(this.time, Instant.parse("2026-11-24T12:00:00Z"));

	final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), this.clock, Schedulers.immediate(),
			Duration.ZERO, 1);

	final RecordingEventPublisher events = new RecordingEventPublisher();

	final InMemorySessionRegistry registry = new InMemorySessionRegistry();

	final ComputeProviders providers;

	final ReactiveExAtlas exatlas;

	OrchestratorFixture(ComputeProvider... extra) {
		List<ComputeProvider> all = new ArrayList<>(List.of(this.mock));
		all.addAll(List.of(extra));
		this.providers = new ComputeProviders(all, "mock");
		this.exatlas = new DefaultReactiveExAtlas(this.providers, this.events, this.clock, "atlas-");
	}

	ComputeOrchestrator orchestrator(OrchestratorSettings settings) {
		return orchestrator(settings, SessionServices.NONE);
	}

	ComputeOrchestrator orchestrator(OrchestratorSettings settings, SessionServices services) {
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(this.exatlas, this.registry, this.events, this.clock,
				this.time, settings, MembershipSettings.defaults(), services);
		orchestrator.start();
		return orchestrator;
	}

	static OrchestratorSettings settings(Duration idleTtl, Duration heartbeat, ShutdownPolicy policy) {
		return new OrchestratorSettings(idleTtl, heartbeat, Duration.ofSeconds(1), policy, Duration.ofSeconds(5),
				"instance-a", "atlas-");
	}

	void advance(Duration duration) {
		this.time.advanceTimeBy(duration);
	}

	List<String> sessionEvents(String id) {
		return this.events.ofType(ComputeSessionEvent.class)
			.stream()
			.filter((event) -> event.computeId().equals(id))
			.map(OrchestratorFixture::describe)
			.toList();
	}

	static String describe(ComputeSessionEvent event) {
		return switch (event.type()) {
			case STATUS -> "STATUS " + event.status();
			case HEARTBEAT -> "HEARTBEAT";
			case TERMINATING -> "TERMINATING " + event.reason();
			case TERMINATE_FAILED -> "TERMINATE_FAILED " + event.errorKind();
			case READY -> "READY";
			case NOT_READY -> "NOT_READY " + event.errorKind();
			case IDLE_STOPPED -> "IDLE_STOPPED";
			case RESUMED -> "RESUMED";
			case PAUSED -> "PAUSED";
			case PRICE_CHANGED -> "PRICE_CHANGED " + event.pricePerHour();
		};
	}

	void dispose() {
		this.time.dispose();
	}

}
