package io.exatlas.providers.lambda;

import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.lambda.internal.LambdaLabsTranslator;
import io.exatlas.test.fake.FakeCloud;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

class LambdaLabsComputeProviderTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final LambdaLabsFixture fixture = new LambdaLabsFixture();

	private final FakeLambda fake = this.fixture.fake;

	private final LambdaLabsComputeProvider provider = this.fixture.provider;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static ComputeRequest.Builder request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").name("atlas-test");
	}

	@Test
	void spawnLaunchesInTheFirstRegionWithCapacityAndReadsTheInstanceBack() {
		Compute spawned = this.provider
			.spawn(request().httpPort(8000).tcpPort(22).env("HF_TOKEN", "hf value with spaces").build(), CTX)
			.block();
		FakeCloud.Exchange launch = this.fake.exchanges("POST", "/api/v1/instance-operations/launch").get(0);
		assertThat(launch.authorization()).isEqualTo("Bearer " + FakeLambda.KEY);
		JsonNode body = launch.body();
		assertThat(body.path("region_name").asString()).isEqualTo("us-east-1");
		assertThat(body.path("instance_type_name").asString()).isEqualTo("gpu_1x_h100_pcie");
		assertThat(body.path("ssh_key_names").toString()).isEqualTo("[\"atlas-key\"]");
		assertThat(body.path("name").asString()).isEqualTo("atlas-test");
		assertThat(body.has("quantity")).isFalse();
		assertThat(tag(body, "atlas-ports")).isEqualTo("8000/http,22/tcp");
		assertThat(tag(body, "atlas-image")).isEqualTo("vllm/vllm-openai:latest");
		assertThat(tag(body, "atlas-spawn")).hasSize(36);
		assertThat(spawned.status()).isEqualTo(ComputeStatus.PROVISIONING);
		assertThat(spawned.gpuType()).isEqualTo("gpu_1x_h100_pcie");
		assertThat(spawned.gpuCount()).isEqualTo(1);
		assertThat(spawned.costPerHour()).isEqualByComparingTo("2.49");
		assertThat(spawned.region()).isEqualTo("us-east-1");
		assertThat(spawned.image()).isEqualTo("vllm/vllm-openai:latest");
		Compute running = this.provider.get(spawned.id(), CTX).block();
		assertThat(running.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(running.publicIp()).isEqualTo(FakeLambda.PUBLIC_IP);
		assertThat(running.url(8000)).contains("http://" + FakeLambda.PUBLIC_IP + ":8000");
		assertThat(running.url(22)).contains("tcp://" + FakeLambda.PUBLIC_IP + ":22");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theImageRunsWithDockerFromACloudInitArgumentListSoValuesNeedNoQuoting() throws Exception {
		this.provider.spawn(request().httpPort(8000).env("HF_TOKEN", "a b'c\"d").build(), CTX).block();
		String userData = this.fake.exchanges("POST", "/api/v1/instance-operations/launch")
			.get(0)
			.body()
			.path("user_data")
			.asString();
		assertThat(userData).startsWith("#cloud-config\n");
		Map<String, Object> document = YAMLMapper.builder().build().readValue(userData, Map.class);
		assertThat((List<List<String>>) document.get("runcmd")).containsExactly(List.of("docker", "run", "--detach",
				"--restart", "unless-stopped", "--gpus", "all", "--name", "atlas", "--publish", "8000:8000", "--env",
				"HF_TOKEN=a b'c\"d", "vllm/vllm-openai:latest"));
	}

	@Test
	void gpuCountSelectsTheInstanceTypeAndARegionHintIsHonoured() {
		this.provider.spawn(request().gpu("h100_sxm").gpuCount(8).regionHints("us-west-2").build(), CTX).block();
		JsonNode body = this.fake.exchanges("POST", "/api/v1/instance-operations/launch").get(0).body();
		assertThat(body.path("instance_type_name").asString()).isEqualTo("gpu_8x_h100_sxm5");
		assertThat(body.path("region_name").asString()).isEqualTo("us-west-2");
	}

	@Test
	void aGpuCountLambdaDoesNotOfferIsAValidationErrorNamingTheOfferedTypes() {
		assertKind(() -> this.provider.spawn(request().gpuCount(3).build(), CTX).block(), ErrorKind.VALIDATION)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("gpu_3x_h100_pcie", "gpu_1x_h100_pcie"));
		assertThat(this.fake.exchanges("POST", "/api/v1/instance-operations")).isEmpty();
	}

	@Test
	void aLaunchedInstanceThatCannotBeReadBackIsAnsweredByItsIdNotLost() {
		for (int i = 0; i < 4; i++) {
			this.fake.failNext("GET", "/api/v1/instances/[^/]+", FakeCloud.text(503, "busy"));
		}
		Compute spawned = this.provider.spawn(request().name("atlas-readback").build(), CTX).block();
		assertThat(spawned.status()).isEqualTo(ComputeStatus.PROVISIONING);
		assertThat(spawned.name()).isEqualTo("atlas-readback");
		assertThat(this.provider.list(ComputeFilter.namePrefix("atlas-readback"), CTX).collectList().block())
			.singleElement()
			.satisfies((listed) -> assertThat(listed.id()).isEqualTo(spawned.id()));
	}

	@Test
	void aGpuLambdaDoesNotOfferIsRejectedBeforeAnyCall() {
		assertKind(() -> this.provider.spawn(request().gpu("rtx_4090").build(), CTX).block(), ErrorKind.VALIDATION)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("rtx_4090"));
		assertThat(this.fake.exchanges()).as("not even the instance-type listing").isEmpty();
	}

	@Test
	void noRegionWithCapacityIsAnInsufficientCapacityErrorAndNothingIsLaunched() {
		assertKind(() -> this.provider.spawn(request().gpu("a10").build(), CTX).block(), ErrorKind.PROVIDER)
			.satisfies((ex) -> {
				assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY);
				assertThat(ex.isTransient()).isFalse();
			});
		assertKind(() -> this.provider.spawn(request().regionHints("europe-central-1").build(), CTX).block(),
				ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("[us-east-1, us-west-2]"));
		assertThat(this.fake.exchanges("POST", "/api/v1/instance-operations")).isEmpty();
	}

	@Test
	void lambdasInsufficientCapacityAnswerMapsToTheCapacityReason() {
		this.fake.failNext("POST", "/api/v1/instance-operations/launch", FakeLambda.error(400,
				LambdaLabsTranslator.INSUFFICIENT_CAPACITY_CODE, "Not enough capacity to fulfill launch request."));
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER).satisfies((ex) -> {
			assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY);
			assertThat(ex.code()).contains(LambdaLabsTranslator.INSUFFICIENT_CAPACITY_CODE);
			assertThat(ex.status()).hasValue(400);
		});
		assertThat(this.fake.instances).isEmpty();
	}

	@Test
	void quotaExceededMapsToTheQuotaReason() {
		this.fake.failNext("POST", "/api/v1/instance-operations/launch",
				FakeLambda.error(400, "global/quota-exceeded", "Quota exceeded"));
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.reason()).contains(ErrorReason.QUOTA_EXCEEDED));
	}

	@Test
	void aLaunchThatSucceededButAnswered500IsFoundByItsTagNotRepeated() {
		this.fake.handleThenFail("POST", "/api/v1/instance-operations/launch",
				FakeLambda.error(500, "global/internal-error", "internal error"));
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.instances).containsOnlyKeys(spawned.id());
		assertThat(this.fake.exchanges("POST", "/api/v1/instance-operations/launch")).hasSize(1);
	}

	@Test
	void spotIsUnsupportedAndUnknownOptionsOrAMissingSshKeyAreRejectedBeforeAnyCall() {
		assertKind(() -> this.provider.spawn(request().spot(true).build(), CTX).block(), ErrorKind.UNSUPPORTED);
		assertKind(() -> this.provider.spawn(request().providerOption("quantity", 2).build(), CTX).block(),
				ErrorKind.VALIDATION)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("[quantity]", "sshKeyNames"));
		LambdaLabsComputeProvider withoutKey = new LambdaLabsComputeProvider(
				new LambdaLabsClient(this.fixture.clients.client("lambda-labs", this.fake.baseUrl(), FakeLambda.KEY)
					.build()),
				io.exatlas.compute.GpuCatalog.builtIn(), null);
		assertKind(() -> withoutKey.spawn(request().build(), CTX).block(), ErrorKind.VALIDATION)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("exactly one SSH key"));
		assertKind(() -> this.provider.spawn(request().providerOption("sshKeyNames", List.of("a", "b")).build(), CTX)
			.block(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void fileSystemsAndOptionsAreSentAndFieldsLambdaCannotHonourAreReportedOnce() {
		this.provider.spawn(request().networkVolumeId("shared-fs")
			.volumeGb(100)
			.containerDiskGb(50)
			.cloudType(CloudType.SECURE)
			.templateId("tpl")
			.providerOption("hostname", "atlas-host")
			.providerOption("sshKeyNames", "other-key")
			.build(), CTX).onErrorComplete().block();
		JsonNode body = this.fake.exchanges("POST", "/api/v1/instance-operations/launch").get(0).body();
		assertThat(body.path("file_system_names").toString()).isEqualTo("[\"shared-fs\"]");
		assertThat(body.path("hostname").asString()).isEqualTo("atlas-host");
		assertThat(body.path("ssh_key_names").toString()).isEqualTo("[\"other-key\"]");
		assertThat(this.fixture.provider.ignoredFields()).containsExactlyInAnyOrder("volumeGb", "containerDiskGb",
				"cloudType", "templateId");
	}

	@Test
	void startRestartsAndStopIsUnsupported() {
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		this.provider.start(spawned.id(), CTX).block();
		assertThat(this.fake.exchanges("POST", "/api/v1/instance-operations/restart").get(0).body().toString())
			.isEqualTo("{\"instance_ids\":[\"" + spawned.id() + "\"]}");
		assertKind(() -> this.provider.stop(spawned.id(), CTX).block(), ErrorKind.UNSUPPORTED);
	}

	@Test
	void terminateSendsTheIdsAndIsRetriedOnATransientFailure() {
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		this.fake.failNext("POST", "/api/v1/instance-operations/terminate",
				FakeLambda.error(503, "provider/internal-unavailable", "Provider unavailable"));
		this.provider.terminate(spawned.id(), CTX).block();
		assertThat(this.fake.exchanges("POST", "/api/v1/instance-operations/terminate")).hasSize(2);
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void gpuTypesArePricedPerGpuHourWithTheirRegionsWithCapacity() {
		List<GpuType> types = this.provider.listGpuTypes(CTX).collectList().block();
		assertThat(types).extracting(GpuType::nativeId)
			.containsExactly("gpu_1x_h100_pcie", "gpu_8x_h100_sxm5", "gpu_1x_a10");
		GpuType eight = types.get(1);
		assertThat(eight.canonicalId()).isEqualTo("h100_sxm");
		assertThat(eight.onDemandPricePerHour()).isEqualByComparingTo("2.49");
		assertThat(eight.memoryGb()).isEqualTo(80);
		assertThat(eight.regions()).containsExactly("us-west-2");
		assertThat(types.get(2).availability()).isEqualTo(GpuAvailability.UNAVAILABLE);
		assertThat(types.get(0).availability()).isEqualTo(GpuAvailability.HIGH);
	}

	@Test
	void anInvalidKeyIsUnauthorized() {
		LambdaLabsComputeProvider wrongKey = new LambdaLabsComputeProvider(
				new LambdaLabsClient(this.fixture.clients.client("lambda-labs", this.fake.baseUrl(), "wrong")
					.errorDecoder(LambdaLabsTranslator.ERROR_DECODER)
					.build()),
				io.exatlas.compute.GpuCatalog.builtIn(), FakeLambda.SSH_KEY);
		assertKind(() -> wrongKey.get("any", CTX).block(), ErrorKind.UNAUTHORIZED)
			.satisfies((ex) -> assertThat(ex.code()).contains("global/invalid-api-key"));
	}

	@Test
	void theFakeHoldsLaunchBodiesToTheOfficialSchema() {
		LambdaLabsClient client = new LambdaLabsClient(this.fixture.clients
			.client("lambda-labs", this.fake.baseUrl(), FakeLambda.KEY)
			.errorDecoder(LambdaLabsTranslator.ERROR_DECODER)
			.build());
		assertKind(() -> client.launch(io.exatlas.internal.WireJson.object().put("name", "x"), CTX).block(),
				ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("region_name", "instance_type_name"));
	}

	@ParameterizedTest
	@CsvSource({ "booting,PROVISIONING", "active,RUNNING", "unhealthy,FAILED", "preempted,FAILED",
			"terminating,TERMINATED", "terminated,TERMINATED", "something-new,PROVISIONING" })
	void statusMapping(String wire, ComputeStatus expected) {
		assertThat(LambdaLabsTranslator.status(wire)).isEqualTo(expected);
	}

	private static String tag(JsonNode body, String key) {
		for (JsonNode tag : body.path("tags")) {
			if (tag.path("key").asString().equals(key)) {
				return tag.path("value").asString();
			}
		}
		return null;
	}

}
