package io.exatlas.cluster;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.exatlas.cluster.autoconfigure.ExAtlasRedisChannelsAutoConfiguration;
import io.exatlas.cluster.autoconfigure.RedisSessionRegistryAutoConfiguration;
import io.exatlas.cluster.autoconfigure.RedisTokenStoreAutoConfiguration;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.support.FakeFlyCli;
import io.exatlas.support.RedisClusterNodes;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisClusterConnection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Everything the starter keeps in Redis works on a real three-node Redis Cluster, not only on a standalone server:
 * the session registry's two-key Lua scripts (which Redis Cluster rejects with CROSSSLOT unless both keys share a
 * hash tag), the token store and its lock, the reaper lock, and two application instances sharing sessions, tokens
 * and relayed events through the cluster.
 */
class RedisClusterModeTests {

	@RegisterExtension
	static final RedisClusterNodes cluster = new RedisClusterNodes();

	private final FakeFlyCli cli = new FakeFlyCli();

	private final MockComputeProvider mock = new MockComputeProvider(GpuCatalog.builtIn(), Clock.systemUTC(),
			Schedulers.immediate(), Duration.ZERO, 1);

	@BeforeEach
	void emptyCluster() {
		cluster.flushAll();
	}

	@AfterEach
	void closeCli() {
		this.cli.close();
	}

	@Test
	void theSessionKeysShareOneSlotAndTheScriptsRunOnTheCluster() {
		try (RedisClusterConnection connection = cluster.template().getRequiredConnectionFactory()
			.getClusterConnection()) {
			Set<Integer> slots = List.of("exatlas:{orchestrator:sessions}", "exatlas:{orchestrator:sessions}:s-1",
					"exatlas:{orchestrator:sessions}:s-2")
				.stream()
				.map((key) -> connection.clusterGetSlotForKey(key.getBytes()))
				.collect(Collectors.toSet());
			assertThat(slots).hasSize(1);
		}
	}

	@Test
	void twoInstancesShareSessionsTokensAndEventsThroughTheCluster() {
		instance("a").run((a) -> instance("b").run((b) -> {
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < 10; i++) {
				TrackedSession session = a.getBean(ComputeOrchestrator.class)
					.spawn(ComputeRequest.builder().gpu("h100").image("img").build(), SessionOptions.forUser("u-" + i));
				ids.add(session.id());
			}
			ComputeOrchestrator onB = b.getBean(ComputeOrchestrator.class);
			assertThat(onB.list()).extracting(TrackedSession::id).containsExactlyInAnyOrderElementsOf(ids);
			assertThat(onB.touch(ids.get(0))).isTrue();
			assertThat(onB.reactive().touch(ids.get(1)).block(Duration.ofSeconds(10))).isTrue();
			for (String id : ids) {
				onB.stopTracked(id);
			}
			assertThat(a.getBean(ComputeOrchestrator.class).list()).isEmpty();
			assertThat(a.getBean(FlyTokens.class).get("my-app").source()).isEqualTo(TokenSource.CLI);
			assertThat(b.getBean(FlyTokens.class).get("my-app").source()).isEqualTo(TokenSource.STORAGE);
			b.getBean(FlyTokens.class).invalidate("my-app");
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(a.getBean(FlyTokens.class).cachedTokens()).doesNotContainKey("my-app"));
			assertThat(this.cli.invocations()).hasSize(1);
		}));
	}

	@Test
	void theReaperLockHasOneHolderOnTheCluster() {
		RedisReaperLock lock = new RedisReaperLock(cluster.template(), "exatlas:");
		assertThat(lock.tryAcquire("a", Duration.ofSeconds(30))).isTrue();
		assertThat(lock.tryAcquire("b", Duration.ofSeconds(30))).isFalse();
		assertThat(lock.tryAcquire("a", Duration.ofSeconds(30))).as("the holder renews").isTrue();
	}

	private ApplicationContextRunner instance(String id) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ExAtlasAutoConfiguration.class,
					MockProviderAutoConfiguration.class, ExAtlasRedisChannelsAutoConfiguration.class,
					RedisTokenStoreAutoConfiguration.class, RedisSessionRegistryAutoConfiguration.class,
					FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class))
			.withPropertyValues(cluster.connectionProperties())
			.withPropertyValues("exatlas.default-provider=mock", "exatlas.fly.cli=" + this.cli.executable(),
					"exatlas.fly.tokens.store=redis", "exatlas.fly.tokens.config-file-enabled=false",
					"exatlas.orchestrator.enabled=true", "exatlas.orchestrator.registry=redis",
					"exatlas.orchestrator.instance-id=" + id, "exatlas.orchestrator.reaper.enabled=false",
					"exatlas.orchestrator.heartbeat-interval=0")
			.withBean(MockComputeProvider.class, () -> this.mock);
	}

}
