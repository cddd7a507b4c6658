package io.exatlas.orchestrator;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Capability;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

@org.junit.jupiter.api.extension.ExtendWith(org.springframework.boot.test.system.OutputCaptureExtension.class)
class ReaperTests {

	private static final Duration GRACE = Duration.ofMinutes(5);

	private final OrchestratorFixture fixture = new OrchestratorFixture(new UnauthorizedProvider());

	private final ComputeOrchestrator orchestrator = this.fixture.orchestrator(
			OrchestratorFixture.settings(Duration.ofHours(1), Duration.ZERO, ShutdownPolicy.TERMINATE));

	private final Reaper reaper = new Reaper(this.fixture.exatlas, this.fixture.providers, this.fixture.registry,
			new ReaperSettings(Duration.ofMinutes(1), "atlas-", GRACE, Set.of(), false), this.fixture.events,
			this.fixture.clock, this.fixture.time);

	@AfterEach
	void dispose() {
		this.fixture.dispose();
	}

	private String spawnUntracked(String name) {
		return this.fixture.mock.spawn(ComputeRequest.builder().gpu("h100").name(name).build(), ProviderContext.defaults())
			.block()
			.id();
	}

	private ReaperRunEvent mockRun() {
		return this.reaper.reapNow()
			.block()
			.stream()
			.filter((event) -> event.provider().equals("mock"))
			.findFirst()
			.orElseThrow();
	}

	private ComputeStatus upstream(String id) {
		return this.fixture.mock.get(id, ProviderContext.defaults()).block().status();
	}

	@Test
	void onlyOldUntrackedResourcesWithThePrefixAreReaped() {
		String orphan = spawnUntracked("atlas-orphan");
		String foreign = spawnUntracked("someone-elses");
		String tracked = this.orchestrator.spawn(ComputeRequest.builder().gpu("h100").build(), SessionOptions.defaults())
			.id();
		this.fixture.advance(GRACE);
		ReaperRunEvent run = mockRun();
		assertThat(run.found()).isEqualTo(1);
		assertThat(run.reaped()).isEqualTo(1);
		assertThat(run.failed()).isZero();
		assertThat(upstream(orphan)).isEqualTo(ComputeStatus.TERMINATED);
		assertThat(upstream(foreign)).isEqualTo(ComputeStatus.RUNNING);
		assertThat(upstream(tracked)).isEqualTo(ComputeStatus.RUNNING);
	}

	@Test
	void aJustSpawnedResourceIsLeftAloneUntilTheGracePeriodPasses() {
		String young = spawnUntracked("atlas-young");
		this.fixture.advance(Duration.ofMinutes(1));
		ReaperRunEvent first = mockRun();
		assertThat(first.tooYoung()).isEqualTo(1);
		assertThat(first.reaped()).isZero();
		assertThat(upstream(young)).isEqualTo(ComputeStatus.RUNNING);
		this.fixture.advance(GRACE);
		assertThat(mockRun().reaped()).isEqualTo(1);
		assertThat(upstream(young)).isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void reapNowWithArgumentsKeepsTheGracePeriodThePrefixRuleAndTheLease() {
		String other = spawnUntracked("other-orphan");
		String ours = spawnUntracked("atlas-orphan");
		assertThat(this.reaper.reapNow("other-", Set.of("mock")).block()).singleElement()
			.satisfies((run) -> assertThat(run.tooYoung()).as("inside the grace period").isEqualTo(1));
		this.fixture.advance(GRACE);
		assertThat(this.reaper.reapNow("other-", Set.of("mock")).block()).singleElement()
			.satisfies((run) -> assertThat(run.reaped()).isEqualTo(1));
		assertThat(upstream(other)).isEqualTo(ComputeStatus.TERMINATED);
		assertThat(upstream(ours)).as("another prefix").isEqualTo(ComputeStatus.RUNNING);
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.reaper.reapNow("", Set.of()).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.reaper.reapNow("other-", Set.of("nowhere")).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION))
			.withMessageContaining("nowhere");
		Reaper leasedElsewhere = new Reaper(this.fixture.exatlas, this.fixture.providers, this.fixture.registry,
				new ReaperSettings(Duration.ofMinutes(1), "atlas-", GRACE, Set.of(), false), this.fixture.events,
				this.fixture.clock, this.fixture.time, (holder, lease) -> false, "instance-b");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> leasedElsewhere.reapNow("atlas-", Set.of("mock")).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.UNSUPPORTED))
			.withMessageContaining("lease");
		assertThat(upstream(ours)).isEqualTo(ComputeStatus.RUNNING);
	}

	@Test
	void stoppedResourcesAreReapedToo() {
		String stopped = spawnUntracked("atlas-stopped");
		this.fixture.mock.stop(stopped, ProviderContext.defaults()).block();
		this.fixture.advance(GRACE);
		this.reaper.reapNow().block();
		assertThat(upstream(stopped)).isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void itRunsEveryIntervalAndReportsEachProvider() {
		spawnUntracked("atlas-orphan");
		this.reaper.start();
		this.fixture.advance(Duration.ofMinutes(1));
		this.fixture.advance(GRACE);
		this.reaper.stop();
		List<ReaperRunEvent> runs = this.fixture.events.ofType(ReaperRunEvent.class);
		assertThat(runs).extracting(ReaperRunEvent::provider).contains("mock", "locked");
		assertThat(runs.stream().mapToInt(ReaperRunEvent::reaped).sum()).isEqualTo(1);
		assertThat(runs).filteredOn((run) -> run.provider().equals("locked"))
			.allSatisfy((run) -> assertThat(run.listError()).isEqualTo(ErrorKind.UNAUTHORIZED));
	}

	@Test
	void eachScheduledRunAsksForALeaseOfOneAndAHalfIntervalsAndSkipsWithoutIt() {
		List<Duration> asked = new CopyOnWriteArrayList<>();
		AtomicBoolean granted = new AtomicBoolean(false);
		Reaper leased = new Reaper(this.fixture.exatlas, this.fixture.providers, this.fixture.registry,
				new ReaperSettings(Duration.ofMinutes(1), "atlas-", GRACE, Set.of("mock"), false), this.fixture.events,
				this.fixture.clock, this.fixture.time, (holder, lease) -> {
					assertThat(holder).isEqualTo("instance-a");
					asked.add(lease);
					return granted.get();
				}, "instance-a");
		leased.start();
		this.fixture.advance(Duration.ofMinutes(2));
		assertThat(asked).containsExactly(Duration.ofSeconds(90), Duration.ofSeconds(90));
		assertThat(this.fixture.events.ofType(ReaperRunEvent.class)).isEmpty();
		granted.set(true);
		this.fixture.advance(Duration.ofMinutes(1));
		leased.stop();
		assertThat(asked).hasSize(3);
		assertThat(this.fixture.events.ofType(ReaperRunEvent.class)).extracting(ReaperRunEvent::provider)
			.containsExactly("mock");
	}

	@Test
	void anEmptyPrefixMustBeExplicitlyAllowed() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ReaperSettings(Duration.ofMinutes(1), "", GRACE, Set.of(), false))
			.withMessageContaining("allow-empty-prefix");
		assertThat(new ReaperSettings(Duration.ofMinutes(1), "", GRACE, Set.of(), true).namePrefix()).isEmpty();
	}

	@Test
	void onlyTheConfiguredProvidersAreReaped() {
		Reaper mockOnly = new Reaper(this.fixture.exatlas, this.fixture.providers, this.fixture.registry,
				new ReaperSettings(Duration.ofMinutes(1), "atlas-", GRACE, Set.of("mock"), false), this.fixture.events,
				this.fixture.clock, this.fixture.time);
		assertThat(mockOnly.reapNow().block()).extracting(ReaperRunEvent::provider).containsExactly("mock");
	}

	@Test
	void aProviderNobodyConfiguredIsSkippedQuietlyWithoutACall(CapturedOutput output) {
		java.util.concurrent.atomic.AtomicInteger lists = new java.util.concurrent.atomic.AtomicInteger();
		UnauthorizedProvider notConfigured = new UnauthorizedProvider() {

			@Override
			public String id() {
				return "unconfigured";
			}

			@Override
			public Mono<Boolean> configured() {
				return Mono.just(false);
			}

			@Override
			public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
				lists.incrementAndGet();
				return super.list(filter, context);
			}

		};
		OrchestratorFixture defaults = new OrchestratorFixture(notConfigured);
		try {
			Reaper quiet = new Reaper(defaults.exatlas, defaults.providers, defaults.registry,
					new ReaperSettings(Duration.ofMinutes(1), "atlas-", GRACE, Set.of(), false), defaults.events,
					defaults.clock, defaults.time);
			for (int run = 0; run < 3; run++) {
				assertThat(quiet.reapNow().block()).extracting(ReaperRunEvent::provider).containsExactly("mock");
			}
			assertThat(lists).as("calls to the unconfigured provider").hasValue(0);
			assertThat(defaults.events.ofType(io.exatlas.compute.ComputeOperationEvent.class))
				.noneSatisfy((event) -> assertThat(event.provider()).isEqualTo("unconfigured"));
			assertThat(output).doesNotContain("unconfigured");
		}
		finally {
			defaults.dispose();
		}
	}

	/** A provider whose account the application has no key for. */
	static class UnauthorizedProvider implements ComputeProvider {

		@Override
		public String id() {
			return "locked";
		}

		@Override
		public Set<Capability> capabilities() {
			return Set.of();
		}

		@Override
		public Mono<Compute> spawn(ComputeRequest request, ProviderContext context) {
			return Mono.error(unauthorized());
		}

		@Override
		public Mono<Compute> get(String id, ProviderContext context) {
			return Mono.error(unauthorized());
		}

		@Override
		public Flux<Compute> list(ComputeFilter filter, ProviderContext context) {
			return Flux.error(unauthorized());
		}

		@Override
		public Mono<Void> terminate(String id, ProviderContext context) {
			return Mono.error(unauthorized());
		}

		private static ExAtlasException unauthorized() {
			return ExAtlasException.builder(ErrorKind.UNAUTHORIZED).provider("locked").message("no key").build();
		}

	}

}
