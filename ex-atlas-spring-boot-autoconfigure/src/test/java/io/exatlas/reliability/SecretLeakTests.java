package io.exatlas.reliability;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import io.exatlas.ExAtlasException;
import io.exatlas.auth.SignedUrls;
import io.exatlas.compute.AuthMode;
import io.exatlas.compute.CallOptions;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.fly.FlyAuthorization;
import io.exatlas.fly.deploy.autoconfigure.FlyDeployAutoConfiguration;
import io.exatlas.fly.logs.FakeFlyLogs;
import io.exatlas.fly.logs.FlyLogsClient;
import io.exatlas.fly.logs.autoconfigure.FlyLogsAutoConfiguration;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpoint;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensEndpointAutoConfiguration;
import io.exatlas.metrics.autoconfigure.ExAtlasMetricsAutoConfiguration;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint;
import io.exatlas.orchestrator.autoconfigure.ComputeSessionsEndpointAutoConfiguration;
import io.exatlas.orchestrator.autoconfigure.OrchestratorAutoConfiguration;
import io.exatlas.providers.fly.FakeFlyMachines;
import io.exatlas.providers.fly.autoconfigure.FlyMachinesAutoConfiguration;
import io.exatlas.providers.lambda.FakeLambda;
import io.exatlas.providers.lambda.autoconfigure.LambdaLabsAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.providers.runpod.FakeRunPod;
import io.exatlas.providers.runpod.autoconfigure.RunPodAutoConfiguration;
import io.exatlas.providers.vast.FakeVast;
import io.exatlas.providers.vast.autoconfigure.VastAutoConfiguration;
import io.exatlas.support.FakeFlyCli;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.autoconfigure.endpoint.EndpointAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A workload across every feature (four clouds, the mock, bearer and signed-URL credentials, Fly tokens from the
 * CLI and a manual override, Fly logs, the orchestrator, the actuator endpoints, metrics) with known secret values,
 * capturing all log output at TRACE, every published event (its {@code toString} and every field), every actuator
 * response, every meter id, every bean's {@code toString}, every exception and the raw payload of every resource
 * returned: none may contain a secret, raw or URL-encoded.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecretLeakTests {

	private static final String MANUAL_FLY_TOKEN = "fm2_manual_override_secret_5f1c9e";

	private static final String OVERRIDE_KEY = "rp_per_call_override_secret_77aa";

	private final FakeRunPod runpod = new FakeRunPod();

	private final FakeLambda lambda = new FakeLambda();

	private final FakeVast vast = new FakeVast();

	private final FakeFlyMachines machines = new FakeFlyMachines();

	private final FakeFlyLogs logs = new FakeFlyLogs();

	private final FakeFlyCli cli = new FakeFlyCli();

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void close() {
		this.logging.setLogLevel("io.exatlas", null);
		this.logging.setLogLevel("org.springframework.web", null);
		List.of(this.runpod, this.lambda, this.vast, this.machines, this.logs).forEach((fake) -> fake.close());
		this.cli.close();
	}

	@Test
	void noSecretReachesLogsEventsActuatorMetricsToStringOrExceptions(CapturedOutput output) {
		this.logging.setLogLevel("io.exatlas", LogLevel.TRACE);
		this.logging.setLogLevel("org.springframework.web", LogLevel.TRACE);
		this.logs.accept(FlyAuthorization.headerValue(this.cli.printedToken()));
		this.logs.log("GET /healthz 200");
		Set<String> secrets = new LinkedHashSet<>(List.of(FakeRunPod.KEY, FakeLambda.KEY, FakeVast.KEY,
				FakeFlyMachines.TOKEN, MANUAL_FLY_TOKEN, OVERRIDE_KEY));
		for (String part : this.cli.printedToken().substring("FlyV1 ".length()).split(",")) {
			secrets.add(part);
		}
		List<String> exposed = new ArrayList<>();
		int[] eventCount = new int[1];
		runner().run((context) -> {
			assertThat(context).hasNotFailed();
			Recorder events = context.getBean(Recorder.class);
			ExAtlas exatlas = context.getBean(ExAtlas.class);
			for (String provider : List.of("runpod", "lambda-labs", "vast", "fly", "mock")) {
				ComputeRequest.Builder request = ComputeRequest.builder().image("test/image:latest").httpPort(8000)
					.auth(AuthMode.BEARER);
				if (!provider.equals("fly")) {
					request.gpu("h100");
				}
				Compute spawned = exatlas.using(CallOptions.provider(provider)).spawn(request.build());
				secrets.add(spawned.auth().token().reveal());
				exposed.add(spawned.toString());
				exposed.add(spawned.raw().toString());
				Compute got = exatlas.using(CallOptions.provider(provider)).get(spawned.id());
				exposed.add(got.toString());
				exposed.add(got.raw().toString());
				List<Compute> listed = exatlas.using(CallOptions.provider(provider)).list(ComputeFilter.all());
				exposed.add(listed.toString());
				listed.forEach((compute) -> exposed.add(compute.raw().toString()));
				exposed.add(failure(() -> exatlas.using(CallOptions.provider(provider)).get("424242424")));
				exatlas.using(CallOptions.provider(provider)).terminate(spawned.id());
			}
			exposed.add(failure(() -> exatlas.using(CallOptions.provider("runpod").withApiKey(OVERRIDE_KEY))
				.get("any-pod")));
			FlyTokens tokens = context.getBean(FlyTokens.class);
			exposed.add(tokens.get("my-app").toString());
			tokens.setManual("my-app", MANUAL_FLY_TOKEN);
			exposed.add(tokens.refresh("my-app").toString());
			tokens.invalidate("my-app");
			this.cli.mode("fail");
			tokens.setManual("manual-only", MANUAL_FLY_TOKEN);
			exposed.add(tokens.get("manual-only").toString());
			exposed.add(failure(() -> tokens.get("nothing-at-all")));
			this.cli.mode("token");
			exposed.add(context.getBean(FlyLogsClient.class)
				.fetch(FakeFlyLogs.APP, null, null, null)
				.block(Duration.ofSeconds(10))
				.toString());
			ComputeOrchestrator orchestrator = context.getBean(ComputeOrchestrator.class);
			TrackedSession session = orchestrator.spawn(ComputeRequest.builder().gpu("h100").image("test/image")
				.httpPort(8000).auth(AuthMode.SIGNED_URL).build(), SessionOptions.forUser("user-1"));
			String signingSecret = session.compute().auth().token().reveal();
			secrets.add(signingSecret);
			exposed.add(session.toString());
			exposed.add(SignedUrls.sign("https://pod.example/v1/chat?x=1", session.compute().auth().token()));
			JsonMapper json = JsonMapper.builder().build();
			exposed.add(json.writeValueAsString(context.getBean(FlyTokensEndpoint.class).tokens()));
			exposed.add(json.writeValueAsString(context.getBean(FlyTokensEndpoint.class).app("my-app")));
			exposed.add(json.writeValueAsString(context.getBean(ComputeSessionsEndpoint.class).sessions()));
			orchestrator.stopTracked(session.id());
			context.getBean(MeterRegistry.class).getMeters().forEach((meter) -> exposed.add(meter.getId().toString()));
			for (String name : context.getBeanDefinitionNames()) {
				Object bean = context.getBean(name);
				if (bean.getClass().getName().startsWith("io.exatlas")) {
					exposed.add(bean.toString());
				}
			}
			assertThat(events.events).hasSizeGreaterThan(50);
			eventCount[0] = events.events.size();
			for (ExAtlasEvent event : events.events) {
				exposed.add(event.toString());
				exposed.add(fields(event));
			}
		});
		exposed.add(output.getAll());
		assertThat(secrets).hasSizeGreaterThanOrEqualTo(13);
		for (String secret : secrets) {
			String encoded = URLEncoder.encode(secret, StandardCharsets.UTF_8);
			for (String text : exposed) {
				assertThat(text).as("a secret leaked").doesNotContain(secret).doesNotContain(encoded);
			}
		}
		System.out.println("Secret scan: " + secrets.size() + " secrets, none found in " + exposed.size() + " texts ("
				+ exposed.stream().mapToLong(String::length).sum() + " characters, " + eventCount[0] + " events)");
	}

	private ApplicationContextRunner runner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
					RunPodAutoConfiguration.class, LambdaLabsAutoConfiguration.class, VastAutoConfiguration.class,
					FlyMachinesAutoConfiguration.class, FlyTokensAutoConfiguration.class,
					FlyLogsAutoConfiguration.class, FlyDeployAutoConfiguration.class, OrchestratorAutoConfiguration.class,
					EndpointAutoConfiguration.class, ComputeSessionsEndpointAutoConfiguration.class, FlyTokensEndpointAutoConfiguration.class,
					ExAtlasMetricsAutoConfiguration.class))
			.withBean(SimpleMeterRegistry.class, SimpleMeterRegistry::new)
			.withBean(Recorder.class, Recorder::new)
			.withPropertyValues("exatlas.default-provider=mock", "management.endpoints.web.exposure.include=*",
					"exatlas.providers.runpod.api-key=" + FakeRunPod.KEY,
					"exatlas.providers.runpod.base-url=" + this.runpod.managementUrl(),
					"exatlas.providers.runpod.runtime-base-url=" + this.runpod.runtimeUrl(),
					"exatlas.providers.runpod.graphql-url=" + this.runpod.graphqlUrl(),
					"exatlas.providers.lambda-labs.api-key=" + FakeLambda.KEY,
					"exatlas.providers.lambda-labs.base-url=" + this.lambda.baseUrl(),
					"exatlas.providers.lambda-labs.ssh-key-name=" + FakeLambda.SSH_KEY,
					"exatlas.providers.vast.api-key=" + FakeVast.KEY,
					"exatlas.providers.vast.base-url=" + this.vast.baseUrl(),
					"exatlas.providers.fly.api-key=" + FakeFlyMachines.TOKEN,
					"exatlas.providers.fly.base-url=" + this.machines.baseUrl(),
					"exatlas.providers.fly.app=" + FakeFlyMachines.APP,
					"exatlas.fly.cli=" + this.cli.executable(), "exatlas.fly.tokens.store=memory",
					"exatlas.fly.tokens.config-file-enabled=false", "exatlas.fly.logs.base-url=" + this.logs.url(""),
					"exatlas.orchestrator.enabled=true", "exatlas.orchestrator.reaper.enabled=false");
	}

	private static String failure(Supplier<?> call) {
		try {
			return String.valueOf(call.get());
		}
		catch (ExAtlasException ex) {
			StringBuilder text = new StringBuilder();
			for (Throwable current = ex; current != null; current = current.getCause()) {
				text.append(current).append('\n');
				for (StackTraceElement element : current.getStackTrace()) {
					text.append(element).append('\n');
				}
			}
			return text.toString();
		}
	}

	/** Every field of the event (but its source), read reflectively, as text. */
	private static String fields(Object event) {
		StringBuilder text = new StringBuilder();
		for (Class<?> type = event.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
			for (Field field : type.getDeclaredFields()) {
				if (Modifier.isStatic(field.getModifiers()) || field.getName().equals("source")) {
					continue;
				}
				try {
					field.setAccessible(true);
					text.append(field.getName()).append('=').append(field.get(event)).append('\n');
				}
				catch (ReflectiveOperationException | RuntimeException ex) {
					text.append(field.getName()).append("=<unreadable>\n");
				}
			}
		}
		return text.toString();
	}

	static final class Recorder implements ApplicationListener<ExAtlasEvent> {

		final List<ExAtlasEvent> events = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ExAtlasEvent event) {
			this.events.add(event);
		}

	}

}
