package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeOperationEvent;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static io.exatlas.orchestrator.OrchestratorFixture.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ComputeOrchestratorTests {

	private static final Duration TTL = Duration.ofMinutes(10);

	private final OrchestratorFixture fixture = new OrchestratorFixture();

	private final ComputeOrchestrator orchestrator = this.fixture
		.orchestrator(settings(TTL, Duration.ofMinutes(1), ShutdownPolicy.TERMINATE));

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").httpPort(8000).build();
	}

	private ComputeStatus upstream(String id) {
		return this.fixture.mock.get(id, ProviderContext.defaults()).block().status();
	}

	@Test
	void spawnTracksTheResourceAndPublishesItsStatus() {
		TrackedSession session = this.orchestrator.spawn(request().toBuilder().auth(AuthMode.BEARER).build(),
				SessionOptions.forUser("alice"));
		assertThat(session.userId()).isEqualTo("alice");
		assertThat(session.idleTtl()).isEqualTo(TTL);
		assertThat(session.owner()).isEqualTo("instance-a");
		assertThat(session.compute().name()).matches("atlas-[a-z0-9]{10}");
		assertThat(session.compute().auth().token()).as("handed out once").isNotNull();
		TrackedSession tracked = this.orchestrator.get(session.id()).orElseThrow();
		assertThat(tracked.compute().auth().token()).as("never kept").isNull();
		assertThat(tracked.compute().raw()).isEmpty();
		assertThat(this.orchestrator.list()).extracting(TrackedSession::id).containsExactly(session.id());
		assertThat(this.fixture.sessionEvents(session.id())).containsExactly("STATUS RUNNING");
		ComputeSessionEvent status = this.fixture.events.ofType(ComputeSessionEvent.class).get(0);
		assertThat(status.userId()).isEqualTo("alice");
		assertThat(status.provider()).isEqualTo("mock");
	}

	@Test
	void aStoppedOrchestratorStartedAgainTakesSpawnsAndExpiresSessions() {
		this.orchestrator.stop();
		assertThat(this.orchestrator.isRunning()).isFalse();
		this.orchestrator.start();
		String id = this.orchestrator.spawn(request(), SessionOptions.forUser("again")).id();
		assertThat(this.orchestrator.get(id)).isPresent();
		this.fixture.advance(TTL);
		assertThat(this.orchestrator.get(id)).as("expired by the restarted timer").isEmpty();
	}

	@Test
	void anIdleSessionIsTerminatedUpstreamAtItsDeadline() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		this.fixture.advance(TTL.minusSeconds(1));
		assertThat(this.orchestrator.get(id)).isPresent();
		assertThat(this.orchestrator.get(id).get().idleFor()).isEqualTo(TTL.minusSeconds(1));
		this.fixture.advance(Duration.ofSeconds(1));
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(upstream(id)).isEqualTo(ComputeStatus.TERMINATED);
		List<String> events = this.fixture.sessionEvents(id);
		assertThat(events).startsWith("STATUS RUNNING").endsWith("TERMINATING IDLE_TIMEOUT", "STATUS TERMINATED");
		assertThat(events.stream().filter("HEARTBEAT"::equals)).hasSize(9);
	}

	@Test
	void touchPushesTheDeadlineBack() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		this.fixture.advance(Duration.ofMinutes(9));
		assertThat(this.orchestrator.touch(id)).isTrue();
		this.fixture.advance(Duration.ofMinutes(9));
		assertThat(this.orchestrator.get(id)).isPresent();
		assertThat(upstream(id)).isEqualTo(ComputeStatus.RUNNING);
		this.fixture.advance(Duration.ofMinutes(1).plusSeconds(1));
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(this.orchestrator.touch(id)).isFalse();
		assertThat(this.orchestrator.touch("never-tracked")).isFalse();
	}

	@Test
	void theIdleTtlComesFromTheOptionsThenTheRequestThenTheDefault() {
		String fromOptions = this.orchestrator
			.spawn(request(), SessionOptions.defaults().withIdleTtl(Duration.ofMinutes(2))).id();
		String fromRequest = this.orchestrator
			.spawn(request().toBuilder().idleTtl(Duration.ofMinutes(3)).build(), SessionOptions.defaults()).id();
		assertThat(this.orchestrator.get(fromOptions).get().idleTtl()).isEqualTo(Duration.ofMinutes(2));
		assertThat(this.orchestrator.get(fromRequest).get().idleTtl()).isEqualTo(Duration.ofMinutes(3));
		this.fixture.advance(Duration.ofMinutes(2));
		assertThat(this.orchestrator.get(fromOptions)).isEmpty();
		assertThat(this.orchestrator.get(fromRequest)).isPresent();
	}

	@Test
	void heartbeatsCanBeSwitchedOff() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults().withHeartbeatInterval(Duration.ZERO))
			.id();
		this.fixture.advance(TTL);
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "TERMINATING IDLE_TIMEOUT",
				"STATUS TERMINATED");
	}

	@Test
	void stopTrackedTerminatesUpstream() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		this.orchestrator.stopTracked(id);
		assertThat(upstream(id)).isEqualTo(ComputeStatus.TERMINATED);
		assertThat(this.orchestrator.list()).isEmpty();
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "TERMINATING STOPPED",
				"STATUS TERMINATED");
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.orchestrator.stopTracked(id))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.NOT_FOUND));
	}

	@Test
	void aFailedTerminationIsReportedAndLeftToTheReaper() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		this.fixture.mock.failNext(ComputeOperation.TERMINATE,
				ExAtlasException.builder(ErrorKind.TRANSPORT).provider("mock").message("connection reset").build());
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.orchestrator.stopTracked(id))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSPORT));
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING", "TERMINATING STOPPED",
				"TERMINATE_FAILED TRANSPORT");
		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(upstream(id)).isEqualTo(ComputeStatus.RUNNING);
	}

	@Test
	void aResourceThatIsAlreadyGoneCountsAsTerminated() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		this.fixture.mock.reset();
		this.fixture.advance(TTL);
		assertThat(this.fixture.sessionEvents(id)).endsWith("TERMINATING IDLE_TIMEOUT", "STATUS TERMINATED");
	}

	@Test
	void aFailedSpawnTracksNothing() {
		this.fixture.mock.failNext(ComputeOperation.SPAWN,
				ExAtlasException.builder(ErrorKind.PROVIDER).provider("mock").message("no capacity").build());
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.orchestrator.spawn(request(), SessionOptions.defaults()));
		assertThat(this.orchestrator.list()).isEmpty();
		assertThat(this.fixture.events.ofType(ComputeSessionEvent.class)).isEmpty();
	}

	@Test
	void gracefulShutdownTerminatesEveryResourceExactlyOnce() {
		List<String> ids = List.of(this.orchestrator.spawn(request(), SessionOptions.defaults()).id(),
				this.orchestrator.spawn(request(), SessionOptions.defaults()).id(),
				this.orchestrator.spawn(request(), SessionOptions.defaults()).id());
		this.orchestrator.stop();
		assertThat(this.orchestrator.isRunning()).isFalse();
		ids.forEach((id) -> {
			assertThat(upstream(id)).isEqualTo(ComputeStatus.TERMINATED);
			assertThat(this.fixture.sessionEvents(id)).endsWith("TERMINATING SHUTDOWN", "STATUS TERMINATED");
		});
		Map<String, Long> terminations = this.fixture.events.ofType(ComputeOperationEvent.class)
			.stream()
			.filter((event) -> event.operation() == ComputeOperation.TERMINATE)
			.collect(Collectors.groupingBy(ComputeOperationEvent::resourceId, Collectors.counting()));
		assertThat(terminations).hasSize(3).allSatisfy((id, count) -> assertThat(count).isEqualTo(1));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.orchestrator.spawn(request(), SessionOptions.defaults()))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNSUPPORTED));
	}

	@Test
	void theLeavePolicyLeavesResourcesRunning() {
		ComputeOrchestrator leaving = this.fixture
			.orchestrator(settings(TTL, Duration.ZERO, ShutdownPolicy.LEAVE));
		String id = leaving.spawn(request(), SessionOptions.defaults()).id();
		leaving.stop();
		assertThat(upstream(id)).isEqualTo(ComputeStatus.RUNNING);
		assertThat(this.fixture.sessionEvents(id)).containsExactly("STATUS RUNNING");
	}

	@Test
	void shutdownIsBoundedWhenAProviderHangs() {
		HangingProvider hanging = new HangingProvider();
		OrchestratorFixture fixture = new OrchestratorFixture(hanging);
		ComputeOrchestrator orchestrator = fixture.orchestrator(new OrchestratorSettings(TTL, Duration.ZERO,
				Duration.ofSeconds(1), ShutdownPolicy.TERMINATE, Duration.ofMillis(300), "instance-a", "atlas-"));
		String id = orchestrator.spawn(request(), SessionOptions.defaults().with(CallOptions.provider("hanging"))).id();
		assertTimeoutPreemptively(Duration.ofSeconds(10), () -> orchestrator.stop());
		assertThat(hanging.terminateCalls).containsExactly(id);
		fixture.dispose();
	}

	@Test
	void aProviderFailingDuringShutdownIsReportedAndDoesNotHoldItUp() {
		HangingProvider failing = new HangingProvider();
		failing.failure = ExAtlasException.builder(ErrorKind.PROVIDER).provider("hanging").message("boom").build();
		OrchestratorFixture fixture = new OrchestratorFixture(failing);
		ComputeOrchestrator orchestrator = fixture.orchestrator(settings(TTL, Duration.ZERO, ShutdownPolicy.TERMINATE));
		String failed = orchestrator.spawn(request(), SessionOptions.defaults().with(CallOptions.provider("hanging")))
			.id();
		String fine = orchestrator.spawn(request(), SessionOptions.defaults()).id();
		assertTimeoutPreemptively(Duration.ofSeconds(5), () -> orchestrator.stop());
		assertThat(failing.terminateCalls).containsExactly(failed);
		assertThat(fixture.sessionEvents(failed)).endsWith("TERMINATING SHUTDOWN", "TERMINATE_FAILED PROVIDER");
		assertThat(fixture.sessionEvents(fine)).endsWith("TERMINATING SHUTDOWN", "STATUS TERMINATED");
		fixture.dispose();
	}

	@Test
	void eachSessionHasItsOwnEventStreamEndingWithItsTermination() {
		String id = this.orchestrator.spawn(request(), SessionOptions.defaults()).id();
		String other = this.orchestrator.spawn(request(), SessionOptions.defaults().withIdleTtl(Duration.ofHours(1)))
			.id();
		StepVerifier.create(this.orchestrator.events(id).map(OrchestratorFixture::describe))
			.then(() -> this.fixture.advance(Duration.ofMinutes(1)))
			.expectNext("HEARTBEAT")
			.then(() -> this.orchestrator.stopTracked(id))
			.expectNext("TERMINATING STOPPED", "STATUS TERMINATED")
			.verifyComplete();
		assertThat(this.orchestrator.get(other)).isPresent();
	}

	@Test
	void sessionsUseTheProviderAndKeyTheyWereSpawnedWith() {
		HangingProvider recording = new HangingProvider();
		recording.hang = false;
		OrchestratorFixture fixture = new OrchestratorFixture(recording);
		ComputeOrchestrator orchestrator = fixture.orchestrator(settings(TTL, Duration.ZERO, ShutdownPolicy.TERMINATE));
		String id = orchestrator.spawn(request(),
				SessionOptions.defaults().with(CallOptions.provider("hanging").withApiKey("user-key"))).id();
		orchestrator.stopTracked(id);
		assertThat(recording.terminateCalls).containsExactly(id);
		assertThat(recording.keys).containsOnly("user-key");
		fixture.dispose();
	}

	@Test
	void aThousandSessionsExpireIndependently() {
		List<String> ids = Flux.range(0, 1000)
			.map((i) -> this.orchestrator.spawn(request(), SessionOptions.defaults().withHeartbeatInterval(Duration.ZERO))
				.id())
			.collectList()
			.block();
		this.fixture.advance(Duration.ofMinutes(5));
		ids.subList(0, 500).forEach(this.orchestrator::touch);
		this.fixture.advance(Duration.ofMinutes(5));
		assertThat(this.orchestrator.list()).hasSize(500);
		assertThat(this.fixture.mock.list(ComputeFilter.status(ComputeStatus.TERMINATED), ProviderContext.defaults())
			.collectList()
			.block()).hasSize(500);
	}

	/** A provider whose terminate hangs (or records its call and completes). */
	static final class HangingProvider implements ComputeProvider {

		final List<String> terminateCalls = Collections.synchronizedList(new java.util.ArrayList<>());

		final List<String> keys = Collections.synchronizedList(new java.util.ArrayList<>());

		volatile boolean hang = true;

		volatile ExAtlasException failure;

		@Override
		public String id() {
			return "hanging";
		}

		@Override
		public Set<Capability> capabilities() {
			return Set.of();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			context.apiKeyOverride().ifPresent((key) -> this.keys.add(key.reveal()));
			return Mono.just(Compute.builder("hang-" + System.nanoTime(), "hanging")
				.status(ComputeStatus.RUNNING)
				.name(request.name())
				.build());
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.error(ExAtlasException.notFound("hanging", id));
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return Flux.empty();
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			this.terminateCalls.add(id);
			context.apiKeyOverride().ifPresent((key) -> this.keys.add(key.reveal()));
			if (this.failure != null) {
				return Mono.error(this.failure);
			}
			return this.hang ? Mono.never() : Mono.empty();
		}

	}

}
