package io.exatlas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeOperation;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ProviderContext;
import io.exatlas.compute.ReactiveExAtlas;
import io.exatlas.compute.facade.DefaultReactiveExAtlas;
import io.exatlas.compute.observation.ComputeObservations;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.MembershipSettings;
import io.exatlas.orchestrator.OrchestratorSettings;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.ShutdownPolicy;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.support.RedisServer;
import io.exatlas.test.event.RecordingEventPublisher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Two instances sharing one Redis: a client that retries a keyed spawn on another instance gets the first spawn's
 * resource (without its credential) or its failure, and the cloud sees one create.
 */
class RedisIdempotentSpawnTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private static final Duration WINDOW = Duration.ofMinutes(10);

	private final MockComputeProvider cloud = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			Schedulers.immediate(), Duration.ZERO, 1);

	@BeforeEach
	void emptyRedis() {
		redis.flushAll();
	}

	private ReactiveExAtlas instance(String id, Duration waitLimit) {
		return new DefaultReactiveExAtlas(new ComputeProviders(List.of(this.cloud), "mock"),
				new RecordingEventPublisher(), Clock.systemUTC(), "atlas-", ComputeObservations.NOOP,
				spawns(redis.template(), id, waitLimit));
	}

	private static RedisIdempotentSpawns spawns(StringRedisTemplate template, String id, Duration waitLimit) {
		return new RedisIdempotentSpawns(template, "exatlas:", id, WINDOW, waitLimit, Duration.ofMillis(20),
				Clock.systemUTC());
	}

	private static ComputeRequest request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai").auth(AuthMode.BEARER).build();
	}

	private int created() {
		return this.cloud.list(ComputeFilter.all(), ProviderContext.defaults()).collectList().block().size();
	}

	@Test
	void aRetryOnAnotherInstanceGetsTheResourceWithoutItsCredentialAndNothingIsCreatedTwice() {
		ReactiveExAtlas a = instance("a", Duration.ofSeconds(5));
		ReactiveExAtlas b = instance("b", Duration.ofSeconds(5));
		Compute first = a.using(CallOptions.idempotencyKey("req-1")).spawn(request()).block();
		Compute onB = b.using(CallOptions.idempotencyKey("req-1")).spawn(request()).block();
		Compute againOnA = a.using(CallOptions.idempotencyKey("req-1")).spawn(request()).block();
		assertThat(onB.id()).isEqualTo(first.id());
		assertThat(onB.auth().mode()).isEqualTo(AuthMode.BEARER);
		assertThat(onB.auth().token()).as("the credential never leaves the instance that spawned").isNull();
		assertThat(onB.auth().hash()).isEqualTo(first.auth().hash());
		assertThat(againOnA.auth().token()).as("the spawning instance still answers with it")
			.isEqualTo(first.auth().token());
		assertThat(created()).isEqualTo(1);
		Compute other = b.using(CallOptions.idempotencyKey("req-2")).spawn(request()).block();
		assertThat(other.id()).isNotEqualTo(first.id());
		assertThat(created()).isEqualTo(2);
	}

	@Test
	void aSessionSpawnRetriedOnAnotherOrchestratorIsTheSameSession() {
		RedisSessionRegistry registry = new RedisSessionRegistry(redis.template(), "exatlas:");
		Scheduler timer = Schedulers.newSingle("orchestrators");
		try {
			ComputeOrchestrator a = orchestrator(instance("a", Duration.ofSeconds(5)), registry, timer, "a");
			ComputeOrchestrator b = orchestrator(instance("b", Duration.ofSeconds(5)), registry, timer, "b");
			SessionOptions options = SessionOptions.forUser("alice").with(CallOptions.idempotencyKey("web-7"));
			TrackedSession first = a.spawn(request(), options);
			TrackedSession retried = b.spawn(request(), options);
			assertThat(retried.id()).isEqualTo(first.id());
			assertThat(registry.all()).singleElement()
				.satisfies((record) -> assertThat(record.owner()).isEqualTo("a"));
			assertThat(created()).isEqualTo(1);
			assertThat(this.cloud.get(first.id(), ProviderContext.defaults()).block().status())
				.isEqualTo(ComputeStatus.RUNNING);
			b.stop();
			a.stop();
		}
		finally {
			timer.dispose();
		}
	}

	private static ComputeOrchestrator orchestrator(ReactiveExAtlas exatlas, RedisSessionRegistry registry,
			Scheduler timer, String id) {
		ComputeOrchestrator orchestrator = new ComputeOrchestrator(exatlas, registry, new RecordingEventPublisher(),
				Clock.systemUTC(), timer,
				new OrchestratorSettings(Duration.ofMinutes(30), Duration.ZERO, Duration.ofMinutes(1),
						ShutdownPolicy.LEAVE, Duration.ofSeconds(5), id, "atlas-"),
				new MembershipSettings(Duration.ofMinutes(1), Duration.ofMinutes(5)));
		orchestrator.start();
		return orchestrator;
	}

	@Test
	void theRedisRecordHoldsNeitherTheCallersKeyNorTheCredentialAndExpiresWithTheWindow() {
		Compute first = instance("a", Duration.ofSeconds(5)).using(CallOptions.idempotencyKey("order-4711"))
			.spawn(request())
			.block();
		Set<String> keys = redis.template().keys("exatlas:idempotency:*");
		assertThat(keys).hasSize(1);
		String key = keys.iterator().next();
		assertThat(key).doesNotContain("order-4711").matches("exatlas:idempotency:[0-9a-f]{64}");
		String value = redis.template().opsForValue().get(key);
		assertThat(value).contains(first.id()).doesNotContain(first.auth().token().reveal());
		assertThat(redis.template().getExpire(key)).isBetween(1L, WINDOW.toSeconds());
	}

	@Test
	void aRetryWhileTheFirstSpawnRunsElsewhereWaitsForItsOutcome() {
		Sinks.One<Compute> release = Sinks.one();
		AtomicInteger spawns = new AtomicInteger();
		RedisIdempotentSpawns a = spawns(redis.template(), "a", Duration.ofSeconds(30));
		RedisIdempotentSpawns b = spawns(redis.template(), "b", Duration.ofSeconds(30));
		Mono<Compute> slowSpawn = Mono.defer(() -> {
			spawns.incrementAndGet();
			return release.asMono();
		});
		Mono<Compute> first = a.once("mock", "k", slowSpawn).cache();
		first.subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> !redis.template().keys("exatlas:idempotency:*").isEmpty());
		Mono<Compute> retried = b.once("mock", "k", slowSpawn).cache();
		retried.subscribe();
		Compute compute = Compute.builder("pod-1", "mock").build();
		release.tryEmitValue(compute);
		assertThat(retried.block(Duration.ofSeconds(10)).id()).isEqualTo("pod-1");
		assertThat(first.block(Duration.ofSeconds(10)).id()).isEqualTo("pod-1");
		assertThat(spawns).hasValue(1);
	}

	@Test
	void aFailureIsReplayedOnAnotherInstanceWithItsKindAndReason() {
		this.cloud.failNext(ComputeOperation.SPAWN, ExAtlasException.builder(ErrorKind.PROVIDER)
			.provider("mock")
			.status(409)
			.reason(ErrorReason.INSUFFICIENT_CAPACITY)
			.message("no capacity")
			.build());
		ReactiveExAtlas a = instance("a", Duration.ofSeconds(5));
		ReactiveExAtlas b = instance("b", Duration.ofSeconds(5));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> a.using(CallOptions.idempotencyKey("req-f")).spawn(request()).block());
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> b.using(CallOptions.idempotencyKey("req-f")).spawn(request()).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.reason()).hasValue(ErrorReason.INSUFFICIENT_CAPACITY);
				assertThat(ex.provider()).hasValue("mock");
				assertThat(ex.status()).hasValue(409);
				assertThat(ex.getMessage()).isEqualTo("[mock] provider (HTTP 409): no capacity");
			});
		assertThat(created()).isZero();
	}

	@Test
	void aSpawnStillRunningElsewhereAfterTheWaitLimitFailsAsATimeoutSpawnsNothingAndALaterRetryGetsTheOutcome() {
		AtomicInteger spawns = new AtomicInteger();
		Sinks.One<Compute> release = Sinks.one();
		Mono<Compute> slow = Mono.defer(() -> {
			spawns.incrementAndGet();
			return release.asMono();
		});
		spawns(redis.template(), "a", Duration.ofSeconds(30)).once("mock", "k", slow).subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> !redis.template().keys("exatlas:idempotency:*").isEmpty());
		RedisIdempotentSpawns b = spawns(redis.template(), "b", Duration.ofMillis(100));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> b.once("mock", "k", slow).block(Duration.ofSeconds(10)))
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.getMessage()).contains("still running on instance a");
			});
		release.tryEmitValue(Compute.builder("pod-1", "mock").build());
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(redis.template().opsForValue()
				.get(redis.template().keys("exatlas:idempotency:*").iterator().next())).contains("DONE"));
		assertThat(b.once("mock", "k", slow).block(Duration.ofSeconds(10)).id())
			.as("the timeout was not remembered as the key's outcome")
			.isEqualTo("pod-1");
		assertThat(spawns).hasValue(1);
	}

	@Test
	void withoutRedisTheCallFailsBeforeAnythingIsSpawned() {
		LettuceConnectionFactory nowhere = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration("127.0.0.1", 1));
		nowhere.afterPropertiesSet();
		nowhere.start();
		try {
			StringRedisTemplate template = new StringRedisTemplate(nowhere);
			AtomicInteger spawns = new AtomicInteger();
			assertThatExceptionOfType(ExAtlasException.class)
				.isThrownBy(() -> spawns(template, "a", Duration.ofSeconds(5))
					.once("mock", "k", Mono.fromSupplier(() -> {
						spawns.incrementAndGet();
						return Compute.builder("pod-1", "mock").build();
					}))
					.block(Duration.ofSeconds(30)))
				.satisfies((ex) -> assertThat(ex.getMessage()).contains("nothing was spawned"));
			assertThat(spawns).hasValue(0);
		}
		finally {
			nowhere.destroy();
		}
	}

}
