package io.exatlas.health.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.actuate.ProviderCallOutcomes;
import io.exatlas.compute.actuate.ProviderHealthIndicator;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderRequestEvent;
import io.exatlas.providers.mock.MockComputeProvider;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.providers.runpod.autoconfigure.RunPodAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code exatlas} health contributor: its parts, a provider's status from the application's last call and its
 * credentials, an unwritable token store; switched off by the standard property; never a secret in the details.
 */
class ExAtlasHealthAutoConfigurationTests {

	private static final String KEY = "rk-health-unit-secret-0815";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				RunPodAutoConfiguration.class, FlyTokensAutoConfiguration.class,
				ExAtlasHealthAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock", "exatlas.fly.tokens.store=memory",
				"exatlas.fly.cli=/nonexistent/fly", "exatlas.fly.tokens.config-file-enabled=false");

	private static Health part(CompositeHealthContributor exatlas, String... path) {
		Object contributor = exatlas;
		for (String name : path) {
			contributor = ((CompositeHealthContributor) contributor).getContributor(name);
		}
		return ((HealthIndicator) contributor).health(true);
	}

	@Test
	void aProviderIsDownAfterItsCloudRefusedTheCredentialsAndUpAgainAfterASuccess() {
		this.runner.withPropertyValues("exatlas.providers.runpod.api-key=" + KEY).run((context) -> {
			CompositeHealthContributor exatlas = context.getBean("exatlasHealthContributor",
					CompositeHealthContributor.class);
			ProviderCallOutcomes outcomes = context.getBean(ProviderCallOutcomes.class);
			assertThat(part(exatlas, "providers", "runpod").getStatus()).isEqualTo(Status.UP);
			outcomes.onApplicationEvent(call(401, ErrorKind.UNAUTHORIZED));
			Health refused = part(exatlas, "providers", "runpod");
			assertThat(refused.getStatus()).isEqualTo(Status.DOWN);
			assertThat(refused.getDetails().get("reason").toString()).contains("refused the credentials on the last call (HTTP 401)");
			assertThat(refused.toString()).doesNotContain(KEY);
			outcomes.onApplicationEvent(call(200, null));
			assertThat(part(exatlas, "providers", "runpod").getStatus()).isEqualTo(Status.UP);
			outcomes.onApplicationEvent(call(null, ErrorKind.TRANSPORT));
			assertThat(part(exatlas, "providers", "runpod").getDetails()).containsEntry("reason",
					"the provider did not answer the last call");
			assertThat(part(exatlas, "providers", "mock").getStatus()).isEqualTo(Status.UP);
			assertThat(part(exatlas, "flyTokenStore").getStatus()).isEqualTo(Status.UP);
			assertThat(part(exatlas, "flyTokenChain").getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void theDefaultProviderWithoutCredentialsIsDownAndAnotherOneUnknown() {
		this.runner.withPropertyValues("exatlas.default-provider=runpod", "exatlas.providers.runpod.api-key=")
			.withSystemProperties("RUNPOD_API_KEY=")
			.run((context) -> {
				CompositeHealthContributor exatlas = context.getBean("exatlasHealthContributor",
						CompositeHealthContributor.class);
				Health runpod = part(exatlas, "providers", "runpod");
				assertThat(runpod.getStatus()).isEqualTo(Status.DOWN);
				assertThat(runpod.getDetails()).containsEntry("configured", false).containsEntry("default", true);
			});
	}

	@Test
	void aTokenStoreThatCannotWriteIsDownWithItsPathAndTheCause(@TempDir Path directory) throws Exception {
		Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
		this.runner
			.withPropertyValues("exatlas.fly.tokens.store=file",
					"exatlas.fly.tokens.file=" + blocker.resolve("fly-tokens.json"))
			.run((context) -> {
				Health store = part(context.getBean("exatlasHealthContributor", CompositeHealthContributor.class),
						"flyTokenStore");
				assertThat(store.getStatus()).isEqualTo(Status.DOWN);
				assertThat(store.getDetails()).containsEntry("state", "NOT_WRITABLE")
					.containsEntry("file", blocker.resolve("fly-tokens.json").toString())
					.containsKey("reason");
			});
	}

	@Test
	void theStandardPropertySwitchesItOff() {
		this.runner.withPropertyValues("management.health.exatlas.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean("exatlasHealthContributor"));
	}

	@Test
	void whetherAProviderIsConfiguredIsAskedAtMostOncePerRecheck() {
		AtomicInteger asked = new AtomicInteger();
		ComputeProvider provider = new MockComputeProvider(io.exatlas.compute.GpuCatalog.builtIn(), Clock.systemUTC(),
				reactor.core.scheduler.Schedulers.immediate(), Duration.ZERO, 1) {

			@Override
			public Mono<Boolean> configured() {
				return Mono.fromCallable(() -> asked.incrementAndGet() > 0);
			}

		};
		java.util.concurrent.atomic.AtomicReference<Clock> now = new java.util.concurrent.atomic.AtomicReference<>(
				Clock.fixed(java.time.Instant.parse("2026-12-02T12:00:00Z"), java.time.ZoneOffset.UTC));
		Clock clock = new Clock() {

			@Override
			public java.time.ZoneId getZone() {
				return java.time.ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			@Override
			public java.time.Instant instant() {
				return now.get().instant();
			}

		};
		ProviderHealthIndicator indicator = new ProviderHealthIndicator(provider, new ProviderCallOutcomes(), true,
				clock, Duration.ofSeconds(60));
		for (int probe = 0; probe < 10; probe++) {
			assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
		}
		assertThat(asked).hasValue(1);
		now.set(Clock.offset(now.get(), Duration.ofSeconds(60)));
		indicator.health();
		assertThat(asked).hasValue(2);
	}

	private static ProviderRequestEvent call(Integer status, ErrorKind kind) {
		return new ProviderRequestEvent(new Object(), Clock.systemUTC(), "runpod", ProviderApi.MANAGEMENT, "GET",
				"https://rest.runpod.io/v1/pods", status, Duration.ofMillis(5), 1, kind);
	}

}
