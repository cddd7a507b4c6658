package io.exatlas.cluster.autoconfigure;

import io.exatlas.InvalidConfigurationException;
import io.exatlas.cluster.RedisChannelSubscriptions;
import io.exatlas.cluster.RedisComputeEventRelay;
import io.exatlas.cluster.RedisIdempotentSpawns;
import io.exatlas.cluster.RedisPacingPermits;
import io.exatlas.cluster.RedisReaperLock;
import io.exatlas.cluster.RedisSessionRegistry;
import io.exatlas.cluster.RedisTokenInvalidations;
import io.exatlas.cluster.RedisTokenStore;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.compute.facade.IdempotentSpawns;
import io.exatlas.compute.facade.LocalIdempotentSpawns;
import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.orchestrator.InMemorySessionRegistry;
import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.autoconfigure.PacingAutoConfiguration;
import io.exatlas.orchestrator.Reaper;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.support.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the Redis integration configures: each part only when opted into, and a clear failure instead of a silent
 * fallback to node-local state when Redis is asked for but Spring Data Redis is absent.
 */
class ExAtlasRedisAutoConfigurationTests {

	@RegisterExtension
	static final RedisServer redis = new RedisServer();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, ExAtlasAutoConfiguration.class,
				MockProviderAutoConfiguration.class, ExAtlasRedisChannelsAutoConfiguration.class, RedisTokenStoreAutoConfiguration.class,
					RedisSessionRegistryAutoConfiguration.class, RedisIdempotencyAutoConfiguration.class,
				RedisPacingAutoConfiguration.class, PacingAutoConfiguration.class,
				FlyTokensAutoConfiguration.class, OrchestratorAutoConfiguration.class))
		.withPropertyValues(redis.connectionProperties())
		.withPropertyValues("exatlas.fly.tokens.config-file-enabled=false", "exatlas.fly.cli=/nonexistent/fly");

	@Test
	void nothingChangesUntilOptedIn() {
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true").run((context) -> {
			assertThat(context).hasSingleBean(FileTokenStore.class).hasSingleBean(InMemorySessionRegistry.class);
			assertThat(context).doesNotHaveBean(RedisTokenStore.class)
				.doesNotHaveBean(RedisSessionRegistry.class)
				.doesNotHaveBean(RedisReaperLock.class)
				.doesNotHaveBean(RedisTokenInvalidations.class)
				.doesNotHaveBean(RedisComputeEventRelay.class)
				.doesNotHaveBean(RedisIdempotentSpawns.class);
			assertThat(context).getBean(IdempotentSpawns.class).isInstanceOf(LocalIdempotentSpawns.class);
		});
	}

	@Test
	void pacingLimitsAreSharedInRedisWhenAskedFor() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisPacingPermits.class));
		this.runner.withPropertyValues("exatlas.pacing.store=redis").run((context) -> {
			assertThat(context).hasSingleBean(RedisPacingPermits.class);
			redis.flushAll();
			context.getBean(Pacer.class).acquire("lambda-labs", "GET", "/instances", "/api/v1/instances").block();
			assertThat(redis.template().keys("exatlas:pacing:*"))
				.containsExactly("exatlas:pacing:lambda-labs.requests:lambda-labs");
		});
	}

	@Test
	void idempotencyKeysAreSharedWithTheRedisRegistryOrWhenAskedFor() {
		this.runner.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.registry=redis")
			.run((context) -> {
				assertThat(context).getBean(IdempotentSpawns.class).isInstanceOf(RedisIdempotentSpawns.class);
				redis.flushAll();
				ExAtlas exatlas = context.getBean(ExAtlas.class)
					.using(CallOptions.provider("mock").withIdempotencyKey("k"));
				ComputeRequest request = ComputeRequest.builder().gpu("h100").image("busybox").build();
				assertThat(exatlas.spawn(request).id()).isEqualTo(exatlas.spawn(request).id());
				assertThat(redis.template().keys("exatlas:idempotency:*")).hasSize(1);
			});
		this.runner
			.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.registry=redis",
					"exatlas.redis.idempotency=false")
			.run((context) -> assertThat(context).getBean(IdempotentSpawns.class)
				.isInstanceOf(LocalIdempotentSpawns.class));
		this.runner.withPropertyValues("exatlas.redis.idempotency=true", "exatlas.redis.idempotency-wait=5s")
			.run((context) -> assertThat(context).getBean(IdempotentSpawns.class)
				.isInstanceOf(RedisIdempotentSpawns.class)
				.hasToString("RedisIdempotentSpawns[instance=" + context.getEnvironment().getProperty("HOSTNAME",
						"exatlas") + "-" + ProcessHandle.current().pid() + ", window=PT10M, waitLimit=PT5S]"));
		this.runner.withPropertyValues("exatlas.redis.idempotency=true", "exatlas.redis.idempotency-wait=0s")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(BindValidationException.class)
				.hasMessageContaining("'idempotencyWait'")
				.hasMessageContaining("must be positive"));
	}

	@Test
	void eachPartIsConfiguredWhenOptedInto() {
		this.runner
			.withPropertyValues("exatlas.fly.tokens.store=redis", "exatlas.orchestrator.enabled=true",
					"exatlas.orchestrator.registry=redis", "exatlas.redis.relay-events=true",
					"exatlas.redis.key-prefix=my-app:")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisTokenStore.class)
					.hasSingleBean(RedisTokenInvalidations.class)
					.hasSingleBean(RedisSessionRegistry.class)
					.hasSingleBean(RedisReaperLock.class)
					.hasSingleBean(RedisComputeEventRelay.class)
					.hasSingleBean(Reaper.class)
					.doesNotHaveBean(FileTokenStore.class)
					.doesNotHaveBean(InMemorySessionRegistry.class);
				assertThat(context.getBean(RedisTokenStore.class).invalidationChannel())
					.isEqualTo("my-app:fly:tokens:invalidated");
				assertThat(context.getBean(RedisComputeEventRelay.class).channel())
					.isEqualTo("my-app:orchestrator:events");
			});
	}

	@Test
	void theLibrarySubscribesOnItsOwnContainerAndLeavesTheApplicationsAlone() {
		this.runner.withPropertyValues("exatlas.fly.tokens.store=redis", "exatlas.redis.relay-events=true")
			.run((context) -> {
				assertThat(context).hasSingleBean(RedisChannelSubscriptions.class)
					.hasSingleBean(RedisMessageListenerContainer.class);
				assertThat(context.getBean(RedisChannelSubscriptions.class).isRunning()).isTrue();
			});
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(RedisChannelSubscriptions.class));
	}

	@Test
	void askingForRedisWithoutSpringDataRedisFailsInsteadOfFallingBackToLocalState() {
		ApplicationContextRunner withoutRedis = this.runner
			.withClassLoader(new FilteredClassLoader(StringRedisTemplate.class));
		withoutRedis.withPropertyValues("exatlas.orchestrator.enabled=true", "exatlas.orchestrator.registry=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationException.class,
						(ex) -> assertThat(ex.property()).isEqualTo("exatlas.orchestrator.registry"))
				.hasMessageContaining("'redis' needs Spring Data Redis"));
		withoutRedis.withPropertyValues("exatlas.fly.tokens.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationException.class,
						(ex) -> assertThat(ex.property()).isEqualTo("exatlas.fly.tokens.store"))
				.hasMessageContaining("'redis' needs Spring Data Redis"));
		this.runner.withClassLoader(new FilteredClassLoader(LettuceConnectionFactory.class))
			.withPropertyValues("exatlas.pacing.store=redis")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationException.class,
						(ex) -> assertThat(ex.property()).isEqualTo("exatlas.pacing.store")));
		withoutRedis.withPropertyValues("exatlas.redis.idempotency=true")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationException.class,
						(ex) -> assertThat(ex.property()).isEqualTo("exatlas.redis.idempotency")));
	}

}
