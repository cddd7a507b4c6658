package io.exatlas.placement;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.exatlas.compute.CallOptions;
import io.exatlas.admission.AdmissionControl;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The orchestrator places a session when its options carry a placement policy, or name no provider while no default
 * provider is configured; the session then belongs to the provider it was placed on (its terminate goes there), and
 * a keyed retry is the same session.
 */
class PlacedSessionTests {

	private final FakeGpuCloud alpha = new FakeGpuCloud("alpha").region("a-east", "2.00", 5);

	private final FakeGpuCloud beta = new FakeGpuCloud("beta").region("b-eu", "1.50", 5);

	private final Scheduler timer = Schedulers.newSingle("placed-sessions");

	private ComputeOrchestrator orchestrator(String defaultProvider) {
		ComputeProviders providers = new ComputeProviders(List.of(this.alpha, this.beta), defaultProvider);
		RecordingEventPublisher events = new RecordingEventPublisher();
		DefaultReactiveExAtlas exatlas = new DefaultReactiveExAtlas(providers, events, Clock.systemUTC(), "atlas-");
		ReactiveComputePlacement placement = new ReactiveComputePlacement(exatlas, providers,
				new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(), Runnable::run),
				OfferOrder.cheapestFirst(), events, Clock.systemUTC(), Schedulers.parallel(), ObservationRegistry.NOOP,
				new LocalIdempotentSpawns(Duration.ofMinutes(10), Clock.systemUTC()), AdmissionControl.NONE);
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(exatlas, new InMemorySessionRegistry(), events,
				Clock.systemUTC(), this.timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "i-1", "atlas-"),
				MembershipSettings.defaults(), new SessionServices(placement, null, AdmissionControl.NONE));
		orchestrator.start();
		return orchestrator;
	}

	@AfterEach
	void dispose() {
		this.timer.dispose();
	}

	private static ComputeRequest h100() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	@Test
	void withoutAProviderOrADefaultTheSessionIsPlacedAndBelongsToWhereItWent() {
		ComputeOrchestrator orchestrator = orchestrator(null);
		TrackedSession session = orchestrator.spawn(h100(), SessionOptions.forUser("alice"));
		assertThat(session.provider()).isEqualTo("beta");
		assertThat(this.beta.resources).hasSize(1);
		orchestrator.stopTracked(session.id());
		assertThat(this.beta.resources).as("terminated on the provider it was placed on").isEmpty();
		orchestrator.stop();
	}

	@Test
	void aPolicyInTheOptionsPlacesEvenWithADefaultProvider() {
		ComputeOrchestrator orchestrator = orchestrator("alpha");
		TrackedSession onDefault = orchestrator.spawn(h100(), SessionOptions.forUser("alice"));
		assertThat(onDefault.provider()).isEqualTo("alpha");
		TrackedSession placed = orchestrator.spawn(h100(),
				SessionOptions.forUser("bob").withPlacement(PlacementPolicy.builder().providers("beta").build()));
		assertThat(placed.provider()).isEqualTo("beta");
		orchestrator.stop();
	}

	@Test
	void aKeyedRetryOfAPlacedSessionIsTheSameSessionAndPlacesNothing() {
		ComputeOrchestrator orchestrator = orchestrator(null);
		SessionOptions options = SessionOptions.forUser("alice").with(CallOptions.idempotencyKey("web-9"));
		TrackedSession first = orchestrator.spawn(h100(), options);
		TrackedSession retried = orchestrator.spawn(h100(), options);
		assertThat(retried.id()).isEqualTo(first.id());
		assertThat(this.alpha.resources.size() + this.beta.resources.size()).isEqualTo(1);
		assertThat(orchestrator.trackedCount()).isEqualTo(1);
		orchestrator.stop();
	}

}
