package io.exatlas.admission;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionServices;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.placement.OfferCache;
import io.exatlas.placement.OfferCacheSettings;
import io.exatlas.placement.OfferOrder;
import io.exatlas.placement.PlacementAttempt;
import io.exatlas.placement.PlacementException;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.placement.ReactiveComputePlacement;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.FakeGpuCloud;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Spawn policies are asked before every session spawn and every placement attempt: a refusal is a {@code REJECTED}
 * error naming the policy and an event, and nothing reaches a cloud.
 */
class AdmissionControlTests {

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private final Scheduler timer = Schedulers.newSingle("admission");

	@AfterEach
	void dispose() {
		this.timer.dispose();
	}

	private static ComputeRequest h100() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").build();
	}

	@Test
	void aUserAtTheSessionLimitIsRefusedBeforeTheCloudIsAsked() {
		MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
				Schedulers.immediate(), Duration.ZERO, 1);
		InMemorySessionRegistry registry = new InMemorySessionRegistry();
		AdmissionControl admission = new AdmissionControl(List.of(new MaxSessionsPerUserPolicy(1,
				(user) -> registry.all().stream().filter((record) -> user.equals(record.userId())).count())),
				this.events, Clock.systemUTC());
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(
				new DefaultReactiveExAtlas(new ComputeProviders(List.of(mock), "mock"), this.events, Clock.systemUTC(),
						"atlas-"),
				registry, this.events, Clock.systemUTC(), this.timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), "i-1", "atlas-"),
				MembershipSettings.defaults(), new SessionServices(null, null, admission));
		orchestrator.start();
		orchestrator.spawn(h100(), SessionOptions.forUser("alice"));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> orchestrator.spawn(h100(), SessionOptions.forUser("alice")))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.REJECTED);
				assertThat(ex.code()).hasValue("max-sessions-per-user");
				assertThat(ex.getMessage()).contains("the user has 1 sessions, the most allowed is 1",
						"nothing was sent");
			});
		assertThat(mock.list(ComputeFilter.all(), ProviderContext.defaults()).collectList().block()).hasSize(1);
		assertThat(this.events.ofType(AdmissionRejectedEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.policy()).isEqualTo("max-sessions-per-user");
			assertThat(event.userId()).isEqualTo("alice");
		});
		orchestrator.spawn(h100(), SessionOptions.forUser("bob"));
		assertThat(orchestrator.trackedCount()).isEqualTo(2);
		orchestrator.stop();
	}

	private ReactiveComputePlacement placement(AdmissionControl admission, FakeGpuCloud... clouds) {
		ComputeProviders providers = new ComputeProviders(List.of(clouds), null);
		return new ReactiveComputePlacement(
				new DefaultReactiveExAtlas(providers, this.events, Clock.systemUTC(), "atlas-"), providers,
				new OfferCache(OfferCacheSettings.DEFAULTS, Clock.systemUTC(), Schedulers.parallel(), Runnable::run),
				OfferOrder.cheapestFirst(), this.events, Clock.systemUTC(), Schedulers.parallel(),
				ObservationRegistry.NOOP, new LocalIdempotentSpawns(Duration.ofMinutes(10), Clock.systemUTC()),
				admission);
	}

	@Test
	void anOfferAboveThePriceLimitIsPassedOverWithoutACreate() {
		FakeGpuCloud alpha = new FakeGpuCloud("alpha").region("a-east", "2.00", 0).region("a-west", "2.05", 1);
		FakeGpuCloud beta = new FakeGpuCloud("beta").region("b-eu", "2.02", 1);
		AdmissionControl admission = new AdmissionControl(
				List.of(new MaxPricePerGpuHourPolicy(new BigDecimal("2.03")), (request) -> reactor.core.publisher.Mono
					.just("beta".equals(request.provider()) ? AdmissionDecision.reject("beta is closed to us")
							: AdmissionDecision.admit())),
				this.events, Clock.systemUTC());
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> placement(admission, alpha, beta).place(h100(), PlacementPolicy.defaults()).block())
			.satisfies((ex) -> assertThat(ex.attempts()).extracting(PlacementAttempt::outcome)
				.containsExactly(PlacementAttempt.Outcome.NO_CAPACITY, PlacementAttempt.Outcome.REJECTED,
						PlacementAttempt.Outcome.REJECTED));
		assertThat(beta.creates).as("nothing was sent to a refused offer").isEmpty();
		assertThat(alpha.creates).hasSize(1);
		assertThat(this.events.ofType(AdmissionRejectedEvent.class)).extracting(AdmissionRejectedEvent::reason)
			.containsExactly("beta is closed to us", "the offer costs 2.05 USD per GPU-hour, more than 2.03");
	}

	@Test
	void whenEveryOfferIsRefusedThePlacementIsRejected() {
		FakeGpuCloud beta = new FakeGpuCloud("beta").region("b-eu", "9.99", 1);
		assertThatExceptionOfType(PlacementException.class)
			.isThrownBy(() -> placement(new AdmissionControl(List.of(new MaxPricePerGpuHourPolicy(BigDecimal.ONE)),
					this.events, Clock.systemUTC()), beta)
				.place(h100(), PlacementPolicy.defaults())
				.block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.REJECTED);
				assertThat(ex.getMessage()).contains("refused every offer");
			});
		assertThat(beta.creates).isEmpty();
	}

}
