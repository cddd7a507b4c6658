package io.exatlas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.cluster.autoconfigure.ExAtlasRedisChannelsAutoConfiguration;
import io.exatlas.cluster.autoconfigure.RedisSessionRegistryAutoConfiguration;
import io.exatlas.cluster.autoconfigure.RedisTokenStoreAutoConfiguration;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.fly.tokens.TokenStore;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.ReaperRunEvent;
import io.exatlas.orchestrator.RemoteComputeSessionEvent;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.SessionRegistry;
import io.exatlas.orchestrator.TerminationReason;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.support.FakeFlyCli;
import io.exatlas.support.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several application instances (Spring contexts in one JVM) sharing one real Redis: the token store, the session
 * registry, the reaper lease and the event relay.
 */
class RedisClusterTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final FakeFlyCli cli = new FakeFlyCli();

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			Schedulers.immediate(), Duration.ZERO, 1);

	@BeforeEach
	void emptyRedis() {
		redis.flushAll();
	}

	@AfterEach
	void closeCli() {
		this.cli.close();
	}

	private ApplicationContextRunner instance(String id, String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ExAtlasAutoConfiguration.class,
					MockProviderAutoConfiguration.class, ExAtlasRedisChannelsAutoConfiguration.class, RedisTokenStoreAutoConfiguration.class,
					RedisSessionRegistryAutoConfiguration.class,
					FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class))
			.withPropertyValues(redis.connectionProperties())
			.withPropertyValues("exatlas.default-provider=mock", "exatlas.fly.cli=" + this.cli.executable(),
					"exatlas.fly.tokens.store=redis", "exatlas.fly.tokens.config-file-enabled=false",
					"exatlas.orchestrator.enabled=true", "exatlas.orchestrator.registry=redis",
					"exatlas.orchestrator.instance-id=" + id, "exatlas.orchestrator.tick-interval=50ms",
					"exatlas.orchestrator.heartbeat-interval=0", "exatlas.orchestrator.reaper.enabled=false",
					"exatlas.orchestrator.instance-heartbeat-interval=200ms", "exatlas.orchestrator.instance-ttl=3s")
			.withPropertyValues(properties)
			.withBean(MockComputeProvider.class, () -> this.mock)
			.withBean(Recorder.class, Recorder::new);
	}

	@Test
	void threeInstancesColdStartingTogetherShareOneCliCall() {
		this.cli.sleepSeconds("0.3");
		instance("a").run((a) -> instance("b").run((b) -> instance("c").run((c) -> {
			List<FlyTokens> instances = List.of(tokens(a), tokens(b), tokens(c));
			List<FlyToken> results = Flux.fromIterable(instances)
				.flatMap((tokens) -> Flux.range(0, 20).flatMap((i) -> tokens.reactive().get("shared-app")), 60)
				.collectList()
				.block(Duration.ofSeconds(30));
			assertThat(results).hasSize(60)
				.allSatisfy((token) -> assertThat(token.token().reveal()).isEqualTo(this.cli.printedToken()));
			assertThat(this.cli.invocations()).hasSize(1);
			assertThat(results).extracting(FlyToken::source)
				.containsOnly(TokenSource.CLI, TokenSource.STORAGE, TokenSource.CACHE)
				.filteredOn((source) -> source == TokenSource.CLI)
				.hasSize(1);
		})));
	}

	@Test
	void aRefreshOnOneInstanceReplacesTheTokenOnTheOthers() {
		instance("a").run((a) -> instance("b").run((b) -> {
			String first = tokens(a).get("my-app").token().reveal();
			assertThat(tokens(b).get("my-app").source()).isEqualTo(TokenSource.STORAGE);
			assertThat(tokens(b).get("my-app").source()).isEqualTo(TokenSource.CACHE);
			this.cli.token("fm2_" + "c".repeat(40));
			String second = tokens(a).refresh("my-app").token().reveal();
			assertThat(second).isNotEqualTo(first);
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(tokens(b).cachedTokens()).doesNotContainKey("my-app"));
			FlyToken onB = tokens(b).get("my-app");
			assertThat(onB.source()).isEqualTo(TokenSource.STORAGE);
			assertThat(onB.token().reveal()).isEqualTo(second);
			assertThat(this.cli.invocations()).hasSize(2);
		}));
	}

	@Test
	void anInvalidationOnOneInstanceDropsTheTokenEverywhere() {
		instance("a").run((a) -> instance("b").run((b) -> {
			tokens(a).get("my-app");
			tokens(b).get("my-app");
			tokens(a).invalidate("my-app");
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(tokens(b).cachedTokens()).doesNotContainKey("my-app"));
			assertThat(b.getBean(TokenStore.class).get("my-app", TokenKind.CACHED)).isEmpty();
		}));
	}

	@Test
	void touchesOnAnotherInstanceKeepASessionAliveUntilTheyStop() {
		instance("a").run((a) -> instance("b").run((b) -> {
			TrackedSession session = orchestrator(a).spawn(request(),
					SessionOptions.forUser("user-1").withIdleTtl(Duration.ofSeconds(2)));
			Instant until = Instant.now().plusMillis(4000);
			while (Instant.now().isBefore(until)) {
				assertThat(orchestrator(b).touch(session.id())).isTrue();
				sleep(200);
			}
			assertThat(status(session.id())).isEqualTo(ComputeStatus.RUNNING);
			assertThat(orchestrator(a).get(session.id())).isPresent();
			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(status(session.id())).isEqualTo(ComputeStatus.TERMINATED));
			assertThat(recorder(a).sessionEvents(session.id())).contains("TERMINATING IDLE_TIMEOUT");
			assertThat(recorder(b).sessionEvents(session.id())).isEmpty();
			assertThat(b.getBean(SessionRegistry.class).contains(session.id())).isFalse();
		}));
	}

	@Test
	void onlyOneInstanceRunsTheReaperAndRunsNeverOverlap() {
		String[] reaper = { "exatlas.orchestrator.reaper.enabled=true", "exatlas.orchestrator.reaper.interval=300ms" };
		instance("a", reaper).run((a) -> instance("b", reaper).run((b) -> {
			sleep(3200);
			List<Run> runs = new ArrayList<>();
			runs.addAll(recorder(a).reaperRuns("a"));
			runs.addAll(recorder(b).reaperRuns("b"));
			runs.sort(Comparator.comparing(Run::start));
			assertThat(runs).hasSizeGreaterThanOrEqualTo(6);
			// one run per 300 ms interval across the cluster; two reapers would make about twice as many
			long window = Duration.between(runs.get(0).start(), runs.get(runs.size() - 1).end()).toMillis();
			assertThat(runs).hasSizeLessThanOrEqualTo((int) (window / 300) + 2);
			for (int i = 1; i < runs.size(); i++) {
				assertThat(runs.get(i).start()).as("run %d starts after run %d ended", i, i - 1)
					.isAfterOrEqualTo(runs.get(i - 1).end());
			}
			assertThat(runs).extracting(Run::instance).containsOnly(runs.get(0).instance());
		}));
	}

	@Test
	void whenTheReaperHolderStopsAnotherInstanceTakesOverWithinALease() {
		String[] reaper = { "exatlas.orchestrator.reaper.enabled=true", "exatlas.orchestrator.reaper.interval=300ms" };
		instance("a", reaper).run((a) -> instance("b", reaper).run((b) -> {
			await().atMost(Duration.ofSeconds(5))
				.until(() -> !recorder(a).reaperRuns("a").isEmpty() || !recorder(b).reaperRuns("b").isEmpty());
			boolean aHolds = !recorder(a).reaperRuns("a").isEmpty();
			AssertableApplicationContext holder = aHolds ? a : b;
			AssertableApplicationContext other = aHolds ? b : a;
			assertThat(recorder(other).reaperRuns("other")).isEmpty();
			holder.close();
			Instant closed = Instant.now();
			await().atMost(Duration.ofSeconds(5)).until(() -> !recorder(other).reaperRuns("other").isEmpty());
			// the lease is 450 ms and the other instance asks every 300 ms
			assertThat(recorder(other).reaperRuns("other").get(0).end()).isBefore(closed.plusMillis(2000));
		}));
	}

	@Test
	void afterARedisRestartInstancesReconnectAndNothingAcknowledgedIsLost() {
		instance("a").run((a) -> instance("b").run((b) -> {
			TrackedSession session = orchestrator(a).spawn(request(), SessionOptions.forUser("user-1"));
			String token = tokens(a).get("my-app").token().reveal();
			tokens(b).get("my-app");
			redis.restart();
			await().atMost(Duration.ofSeconds(20)).ignoreExceptions().untilAsserted(() -> {
				assertThat(orchestrator(b).touch(session.id())).isTrue();
				assertThat(b.getBean(TokenStore.class).get("my-app", TokenKind.CACHED))
					.hasValueSatisfying((stored) -> assertThat(stored.token().reveal()).isEqualTo(token));
			});
			assertThat(orchestrator(b).get(session.id())).hasValueSatisfying(
					(tracked) -> assertThat(tracked.owner()).isEqualTo("a"));
			orchestrator(a).stopTracked(session.id());
			assertThat(status(session.id())).isEqualTo(ComputeStatus.TERMINATED);
			// the subscriptions came back too: an invalidation on A still reaches B
			assertThat(tokens(b).cachedTokens()).containsKey("my-app");
			tokens(a).invalidate("my-app");
			await().atMost(Duration.ofSeconds(20))
				.untilAsserted(() -> assertThat(tokens(b).cachedTokens()).doesNotContainKey("my-app"));
		}));
	}

	@Test
	void sessionEventsReachTheOtherInstancesWhenRelayed() {
		instance("a", "exatlas.redis.relay-events=true").run((a) -> instance("b", "exatlas.redis.relay-events=true")
			.run((b) -> {
				TrackedSession session = orchestrator(a).spawn(request(), SessionOptions.forUser("user-1"));
				orchestrator(a).stopTracked(session.id());
				await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(recorder(b).remote())
					.extracting((event) -> event.originInstance() + " " + describe(event.event()))
					.containsExactly("a STATUS RUNNING", "a TERMINATING STOPPED", "a STATUS TERMINATED"));
				assertThat(recorder(b).remote()).allSatisfy(
						(event) -> assertThat(event.event().computeId()).isEqualTo(session.id()));
				assertThat(recorder(a).remote()).isEmpty();
			}));
	}

	@Test
	void relayedEventsArriveInTheOrderTheOriginPublishedThem() {
		instance("a", "exatlas.redis.relay-events=true").run((a) -> instance("b", "exatlas.redis.relay-events=true")
			.run((b) -> {
				for (int i = 0; i < 40; i++) {
					TrackedSession session = orchestrator(a).spawn(request(), SessionOptions.forUser("user-" + i));
					orchestrator(a).stopTracked(session.id());
				}
				List<String> published = recorder(a).localSessionEvents();
				assertThat(published).hasSize(120);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(recorder(b).remote())
					.extracting((event) -> event.event().computeId() + " " + describe(event.event()))
					.containsExactlyElementsOf(published));
			}));
	}

	private ComputeStatus status(String id) {
		return this.mock.get(id, ProviderContext.defaults()).block().status();
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").httpPort(8000).build();
	}

	private static FlyTokens tokens(AssertableApplicationContext context) {
		return context.getBean(FlyTokens.class);
	}

	private static ComputeOrchestrator orchestrator(AssertableApplicationContext context) {
		return context.getBean(ComputeOrchestrator.class);
	}

	private static Recorder recorder(AssertableApplicationContext context) {
		return context.getBean(Recorder.class);
	}

	private static String describe(ComputeSessionEvent event) {
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
			case PRICE_CHANGED -> "PRICE_CHANGED";
		};
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	record Run(String instance, Instant start, Instant end) {
	}

	static final class Recorder implements ApplicationListener<ExAtlasEvent> {

		private final List<ExAtlasEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ExAtlasEvent event) {
			this.events.add(event);
		}

		List<String> sessionEvents(String id) {
			return this.events.stream()
				.filter((event) -> event instanceof ComputeSessionEvent session && session.computeId().equals(id))
				.map((event) -> describe((ComputeSessionEvent) event))
				.toList();
		}

		List<String> localSessionEvents() {
			return this.events.stream()
				.filter(ComputeSessionEvent.class::isInstance)
				.map(ComputeSessionEvent.class::cast)
				.map((event) -> event.computeId() + " " + describe(event))
				.toList();
		}

		List<Run> reaperRuns(String instance) {
			return this.events.stream()
				.filter(ReaperRunEvent.class::isInstance)
				.map(ReaperRunEvent.class::cast)
				.map((run) -> new Run(instance, run.instant().minus(run.duration()), run.instant()))
				.toList();
		}

		List<RemoteComputeSessionEvent> remote() {
			return this.events.stream()
				.filter(RemoteComputeSessionEvent.class::isInstance)
				.map(RemoteComputeSessionEvent.class::cast)
				.toList();
		}

	}

}
