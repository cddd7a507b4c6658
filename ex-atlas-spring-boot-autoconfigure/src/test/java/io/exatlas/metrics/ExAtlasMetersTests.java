package io.exatlas.metrics;

import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.stream.Collectors;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.deploy.DeployResult;
import io.exatlas.fly.deploy.FlyDeployExitEvent;
import io.exatlas.fly.deploy.FlyDeployLineEvent;
import io.exatlas.fly.logs.FlyLogsFetchEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireExceptionEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStopEvent;
import io.exatlas.fly.tokens.TokenAcquirer;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.metrics.autoconfigure.ExAtlasMetricsAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.ReaperRunEvent;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class ExAtlasMetersTests {

	private static final Set<String> ALLOWED_TAGS = Set.of("provider", "api", "method", "outcome", "error",
			"operation", "source", "acquirer", "kind", "status", "result", "app");

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				OrchestratorAutoConfiguration.class, ExAtlasMetricsAutoConfiguration.class))
		.withPropertyValues("exatlas.default-provider=mock", "exatlas.orchestrator.enabled=true");

	@Test
	void everyEventFamilyFeedsItsMeterWithLowCardinalityTagsOnly() {
		this.runner.run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBeansOfType(MeterBinder.class).values().forEach((binder) -> binder.bindTo(registry));
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
			String plain = exatlas.spawn(ComputeRequest.builder().gpu("h100").build()).id();
			exatlas.terminate(plain);
			String tracked = orchestrator.spawn(ComputeRequest.builder().gpu("h100").build(),
					SessionOptions.forUser("alice")).id();
			assertThat(registry.get("exatlas.orchestrator.sessions.active").gauge().value()).isEqualTo(1);
			orchestrator.stopTracked(tracked);
			ExAtlasEventPublisher events = context.getBean(ExAtlasEventPublisher.class);
			Clock clock = Clock.systemUTC();
			events.publish(new FlyTokenAcquireStopEvent(this, clock, "my-app", TokenSource.CLI,
					TokenAcquirer.APP_SERVER, Duration.ofMillis(40), 0));
			events.publish(new FlyTokenAcquireExceptionEvent(this, clock, "my-app", "timeout", Duration.ofSeconds(1), 0));
			events.publish(new FlyLogsFetchEvent(this, clock, FlyLogsFetchEvent.Phase.START, "my-app", null, 0,
					Duration.ZERO));
			events.publish(new FlyLogsFetchEvent(this, clock, FlyLogsFetchEvent.Phase.STOP, "my-app", null, 7,
					Duration.ofMillis(30)));
			events.publish(new FlyDeployLineEvent(this, clock, "ticket-1"));
			events.publish(new FlyDeployLineEvent(this, clock, "ticket-1"));
			events.publish(new FlyDeployExitEvent(this, clock, "ticket-1", DeployResult.EXIT_CODE, 3,
					Duration.ofSeconds(9)));
			events.publish(new ReaperRunEvent(this, clock, "mock", 3, 2, 0, 1, null, Duration.ofMillis(5)));

			assertThat(registry.find("exatlas.compute.operations").meters())
				.as("compute operations are measured by their observation, not counted twice")
				.isEmpty();
			assertThat(registry.get("exatlas.orchestrator.sessions.spawned").counter().count()).isEqualTo(1);
			assertThat(registry.get("exatlas.orchestrator.sessions.terminated").counter().count()).isEqualTo(1);
			assertThat(registry.get("exatlas.orchestrator.sessions.active").gauge().value()).isZero();
			assertThat(registry.find("exatlas.fly.token.acquisitions").meters())
				.as("acquisitions are counted from the token statistics, not from events").isEmpty();
			assertThat(registry.get("exatlas.fly.token.acquisition.failures").tags("kind", "timeout").counter().count())
				.isEqualTo(1);
			assertThat(registry.get("exatlas.fly.logs.fetches").tags("status", "ok").timer().count()).isEqualTo(1);
			assertThat(registry.get("exatlas.fly.logs.entries").counter().count()).isEqualTo(7);
			assertThat(registry.get("exatlas.fly.deploy.lines").counter().count()).isEqualTo(2);
			assertThat(registry.get("exatlas.reaper.reaped").tags("provider", "mock").counter().count()).isEqualTo(2);

			Set<String> tagKeys = registry.getMeters()
				.stream()
				.flatMap((meter) -> meter.getId().getTags().stream())
				.map(Tag::getKey)
				.collect(Collectors.toSet());
			assertThat(ALLOWED_TAGS).containsAll(tagKeys);
			assertThat(tagKeys).doesNotContain("app");
			assertThat(registry.getMeters()).extracting(Meter::getId)
				.allSatisfy((id) -> assertThat(id.getTags().toString()).doesNotContain(plain, tracked, "alice",
						"ticket-1", "my-app"));
		});
	}

	@Test
	void theAppTagIsOptInAndTheBridgeCanBeSwitchedOff() {
		this.runner.withPropertyValues("exatlas.metrics.include-app-tag=true").run((context) -> {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			context.getBean(ExAtlasMeters.class).bindTo(registry);
			context.getBean(ExAtlasEventPublisher.class)
				.publish(new FlyLogsFetchEvent(this, Clock.systemUTC(), FlyLogsFetchEvent.Phase.STOP, "my-app", null, 7,
						Duration.ofMillis(30)));
			assertThat(registry.get("exatlas.fly.logs.fetches").tags("app", "my-app").timer().count()).isEqualTo(1);
		});
		this.runner.withPropertyValues("exatlas.metrics.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ExAtlasMeters.class));
	}

}
