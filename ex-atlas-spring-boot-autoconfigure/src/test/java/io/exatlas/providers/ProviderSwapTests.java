package io.exatlas.providers;

import java.util.List;
import java.util.stream.Stream;

import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProviders;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ExAtlas;
import io.exatlas.compute.autoconfigure.ExAtlasAutoConfiguration;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.autoconfigure.FlyTokensAutoConfiguration;
import io.exatlas.providers.fly.FakeFlyMachines;
import io.exatlas.providers.fly.FlyMachinesComputeProvider;
import io.exatlas.providers.fly.autoconfigure.FlyMachinesAutoConfiguration;
import io.exatlas.providers.lambda.FakeLambda;
import io.exatlas.providers.lambda.LambdaLabsComputeProvider;
import io.exatlas.providers.lambda.autoconfigure.LambdaLabsAutoConfiguration;
import io.exatlas.providers.mock.autoconfigure.MockProviderAutoConfiguration;
import io.exatlas.providers.runpod.FakeRunPod;
import io.exatlas.providers.runpod.autoconfigure.RunPodAutoConfiguration;
import io.exatlas.providers.vast.FakeVast;
import io.exatlas.providers.vast.VastComputeProvider;
import io.exatlas.providers.vast.autoconfigure.VastAutoConfiguration;
import io.exatlas.test.fake.FakeCloud;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The promise of the portable API: one application flow, unchanged, against every provider, switched by
 * {@code exatlas.default-provider} alone (each cloud played by its fake, configured through properties only).
 */
class ProviderSwapTests {

	private static final FakeRunPod RUNPOD = new FakeRunPod();

	private static final FakeLambda LAMBDA = new FakeLambda();

	private static final FakeVast VAST = new FakeVast();

	private static final FakeFlyMachines FLY = new FakeFlyMachines();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
				WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, MockProviderAutoConfiguration.class,
				RunPodAutoConfiguration.class, LambdaLabsAutoConfiguration.class, VastAutoConfiguration.class,
				FlyTokensAutoConfiguration.class, FlyMachinesAutoConfiguration.class))
		.withPropertyValues("exatlas.providers.runpod.base-url=" + RUNPOD.managementUrl(),
				"exatlas.providers.runpod.api-key=" + FakeRunPod.KEY,
				"exatlas.providers.lambda-labs.base-url=" + LAMBDA.baseUrl(),
				"exatlas.providers.lambda-labs.api-key=" + FakeLambda.KEY,
				"exatlas.providers.lambda-labs.ssh-key-name=" + FakeLambda.SSH_KEY,
				"exatlas.providers.vast.base-url=" + VAST.baseUrl(), "exatlas.providers.vast.api-key=" + FakeVast.KEY,
				"exatlas.providers.fly.base-url=" + FLY.baseUrl(), "exatlas.providers.fly.api-key=" + FakeFlyMachines.TOKEN,
				"exatlas.providers.fly.app=" + FakeFlyMachines.APP, "exatlas.fly.tokens.store=memory",
				"exatlas.fly.tokens.config-file-enabled=false", "exatlas.fly.cli=/nonexistent/fly");

	@AfterAll
	static void stopFakes() {
		Stream.of(RUNPOD, LAMBDA, VAST, FLY).forEach(FakeCloud::close);
	}

	static Stream<Arguments> providers() {
		ComputeRequest gpu = ComputeRequest.builder().gpu("h100").image("acme/model-server:1").httpPort(8000).build();
		ComputeRequest cpu = ComputeRequest.builder().image("acme/model-server:1").httpPort(8000).build();
		return Stream.of(Arguments.of("mock", gpu), Arguments.of("runpod", gpu), Arguments.of("lambda-labs", gpu),
				Arguments.of("vast", gpu), Arguments.of("fly", cpu));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("providers")
	void theSameApplicationFlowRunsOnEveryProvider(String provider, ComputeRequest request) {
		this.runner.withPropertyValues("exatlas.default-provider=" + provider)
			.run((context) -> assertThat(applicationFlow(context.getBean(ExAtlas.class), request))
				.containsExactly(provider, "listed", "terminated"));
	}

	/** What an application writes once: spawn, find it among its computes, terminate it. */
	private static List<String> applicationFlow(ExAtlas atlas, ComputeRequest request) {
		Compute compute = atlas.spawn(request);
		boolean listed = atlas.list(ComputeFilter.namePrefix(compute.name()))
			.stream()
			.anyMatch((candidate) -> candidate.id().equals(compute.id()));
		atlas.terminate(compute.id());
		boolean terminated = atlas.list(ComputeFilter.namePrefix(compute.name()))
			.stream()
			.noneMatch((candidate) -> candidate.id().equals(compute.id())
					&& candidate.status() != ComputeStatus.TERMINATED);
		return List.of(compute.provider(), listed ? "listed" : "missing", terminated ? "terminated" : "alive");
	}

	@Test
	void everyProviderIsRegisteredAndEachCanBeSwitchedOff() {
		this.runner.run((context) -> assertThat(context.getBean(ComputeProviders.class).ids())
			.as("with cloud keys set, the mock is not registered")
			.containsExactlyInAnyOrder("runpod", "lambda-labs", "vast", "fly"));
		this.runner
			.withPropertyValues("exatlas.providers.lambda-labs.enabled=false", "exatlas.providers.vast.enabled=false",
					"exatlas.providers.fly.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean(LambdaLabsComputeProvider.class)
					.doesNotHaveBean(VastComputeProvider.class)
					.doesNotHaveBean(FlyMachinesComputeProvider.class);
				assertThat(context.getBean(ComputeProviders.class).ids()).containsExactly("runpod");
			});
	}

	@Test
	void keysComeFromTheProvidersEnvironmentVariables() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ReactiveHttpClientAutoConfiguration.class,
					WebClientAutoConfiguration.class, ExAtlasAutoConfiguration.class, LambdaLabsAutoConfiguration.class,
					VastAutoConfiguration.class))
			.withPropertyValues("exatlas.providers.lambda-labs.base-url=" + LAMBDA.baseUrl(),
					"LAMBDA_LABS_API_KEY=" + FakeLambda.KEY, "exatlas.providers.vast.base-url=" + VAST.baseUrl(),
					"VAST_API_KEY=" + FakeVast.KEY)
			.run((context) -> {
				ExAtlas atlas = context.getBean(ExAtlas.class);
				assertThat(atlas.using("lambda-labs").list(ComputeFilter.all())).isNotNull();
				assertThat(atlas.using("vast").list(ComputeFilter.all())).isNotNull();
			});
		assertThat(LAMBDA.exchanges()).last().extracting(FakeCloud.Exchange::authorization)
			.isEqualTo("Bearer " + FakeLambda.KEY);
		assertThat(VAST.exchanges()).last().extracting(FakeCloud.Exchange::authorization)
			.isEqualTo("Bearer " + FakeVast.KEY);
	}

	@Test
	void withoutAFlyTokenConfiguredTheFlyTokenChainSuppliesIt() {
		this.runner.withPropertyValues("exatlas.providers.fly.api-key=", "exatlas.default-provider=fly")
			.run((context) -> {
				context.getBean(FlyTokens.class).setManual(FakeFlyMachines.APP, "FlyV1 " + FakeFlyMachines.MACAROON);
				assertThat(context.getBean(ExAtlas.class).list(ComputeFilter.all())).isNotNull();
			});
		assertThat(FLY.exchanges()).last().extracting(FakeCloud.Exchange::authorization)
			.isEqualTo("FlyV1 " + FakeFlyMachines.MACAROON);
	}

}
