package io.exatlas.providers.runpod.internal;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuAvailability;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.PortBinding;
import io.exatlas.compute.PortProtocol;
import io.exatlas.internal.WireJson;
import io.exatlas.support.OpenApiSchemas;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunPodTranslationTests {

	private static final String SPEC = "runpod-rest-v2-openapi.json";

	private final RunPodPodTranslator pods = new RunPodPodTranslator(GpuCatalog.builtIn(), "/workspace",
			"/runpod-volume");

	private final RunPodSpotTranslator spot = new RunPodSpotTranslator(GpuCatalog.builtIn(), "/workspace");

	private ObjectNode createPodBody(ComputeRequest request, String spawnToken) {
		return this.pods.createBody(this.pods.spec(request), spawnToken);
	}

	private ObjectNode spotPodInput(ComputeRequest request, String spawnToken, BigDecimal bid) {
		return this.spot.rentInput(this.pods.spec(request), spawnToken, bid);
	}

	private static ComputeRequest.Builder request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").name("atlas-abc");
	}

	@Test
	void createBodyFollowsTheV2Schema() {
		ObjectNode body = createPodBody(request().gpuCount(2)
			.cloudType(CloudType.SECURE)
			.regionHints("EU-RO-1", "US-KS-2")
			.httpPort(8000)
			.tcpPort(22)
			.env("MODEL", "llama-3")
			.containerDiskGb(40)
			.volumeGb(20)
			.build(), "token-1");
		assertThat(body).isEqualTo(json("""
				{"name":"atlas-abc","image":"vllm/vllm-openai:latest",
				 "gpu":{"id":"NVIDIA H100 80GB HBM3","count":2},"cloud":"SECURE",
				 "dataCenterIds":["EU-RO-1","US-KS-2"],"disk":40,
				 "env":{"MODEL":"llama-3","ATLAS_SPAWN_TOKEN":"token-1"},
				 "ports":["8000/http","22/tcp"],
				 "mounts":{"persistent":{"size":20,"path":"/workspace"}}}"""));
		assertThat(OpenApiSchemas.violations(SPEC, "CreatePodRequest", body)).isEmpty();
	}

	@Test
	void anyCloudIsOmittedAndANetworkVolumeIsMounted() {
		ObjectNode body = createPodBody(request().networkVolumeId("vol_xyz").build(), "t");
		assertThat(body.has("cloud")).isFalse();
		assertThat(body.path("mounts")).isEqualTo(json("{\"network\":[{\"volumeId\":\"vol_xyz\",\"path\":\"/runpod-volume\"}]}"));
		assertThat(OpenApiSchemas.violations(SPEC, "CreatePodRequest", body)).isEmpty();
	}

	@Test
	void providerOptionsAreMergedWhereTheApiAcceptsThem() {
		ObjectNode body = createPodBody(request().providerOption("startSsh", true)
			.providerOption("args", "--port 8000")
			.providerOption("minCudaVersion", "12.4")
			.build(), "t");
		assertThat(body.path("startSsh").asBoolean()).isTrue();
		assertThat(body.path("args").asString()).isEqualTo("--port 8000");
		assertThat(body.path("gpu").path("minCudaVersion").asString()).isEqualTo("12.4");
		assertThat(body.has("minCudaVersion")).isFalse();
		assertThat(OpenApiSchemas.violations(SPEC, "CreatePodRequest", body)).isEmpty();
	}

	@Test
	void unknownProviderOptionsAreAValidationErrorNotA422() {
		assertValidation(() -> createPodBody(request().providerOption("volumeMountPath", "/x").build(), "t"),
				"volumeMountPath");
	}

	@Test
	void aCpuPodUsesTheCpuOption() {
		ObjectNode body = createPodBody(ComputeRequest.builder()
			.image("python:3.12")
			.name("atlas-cpu")
			.providerOption("cpu", Map.of("id", "cpu5c", "vcpuCount", 2))
			.build(), "t");
		assertThat(body.path("cpu").path("id").asString()).isEqualTo("cpu5c");
		assertThat(body.has("gpu")).isFalse();
		assertThat(OpenApiSchemas.violations(SPEC, "CreatePodRequest", body)).isEmpty();
		assertValidation(() -> createPodBody(request().providerOption("cpu", Map.of("id", "cpu5c")).build(),
				"t"), "either a gpu");
		assertValidation(() -> createPodBody(ComputeRequest.builder().image("x").name("n").build(), "t"),
				"needs a gpu");
	}

	@Test
	void invalidShapesAreRejectedBeforeSending() {
		assertValidation(() -> createPodBody(ComputeRequest.builder().gpu("h100").name("n").build(), "t"),
				"image or a templateId");
		assertValidation(() -> createPodBody(request().volumeGb(5).build(), "t"), "at least 10 GB");
		assertValidation(() -> createPodBody(request().volumeGb(20).networkVolumeId("v").build(), "t"),
				"not both");
		assertValidation(() -> createPodBody(request().gpu("a10").build(), "t"), "a10");
		assertValidation(() -> createPodBody(request().name(null).build(), "t"), "name");
		ObjectNode fromTemplate = this
			.createPodBody(ComputeRequest.builder().gpu("l4").name("n").templateId("tpl-1").build(), "t");
		assertThat(fromTemplate.path("templateId").asString()).isEqualTo("tpl-1");
		assertThat(OpenApiSchemas.violations(SPEC, "CreatePodRequest", fromTemplate)).isEmpty();
	}

	@Test
	void spotInputUsesTheGraphQlShapes() {
		ObjectNode input = spotPodInput(request().spot(true)
			.httpPort(8000)
			.tcpPort(22)
			.env("A", "1")
			.regionHints("EU-RO-1")
			.providerOption("startSsh", true)
			.build(), "token-2", new BigDecimal("1.19"));
		assertThat(input.toString()).isEqualTo(json("""
				{"name":"atlas-abc","imageName":"vllm/vllm-openai:latest","gpuTypeId":"NVIDIA H100 80GB HBM3",
				 "gpuCount":1,"bidPerGpu":1.19,"cloudType":"ALL","volumeInGb":0,"volumeMountPath":"/workspace",
				 "ports":"8000/http,22/tcp",
				 "env":[{"key":"A","value":"1"},{"key":"ATLAS_SPAWN_TOKEN","value":"token-2"}],
				 "dataCenterId":"EU-RO-1","startSsh":true}""").toString());
		assertValidation(() -> spotPodInput(request().spot(true).providerOption("cpu", Map.of()).build(), "t",
				BigDecimal.ONE), "cpu");
	}

	@Test
	void aSpotRequestIsValidatedOnceIntoASpecThatCarriesTheBid() {
		RunPodPodSpec spec = this.pods
			.spec(request().spot(true).env("HF_TOKEN", "hf_s3cr3t").providerOption("bidPerGpu", "0.35").build());
		assertThat(spec.spot()).isTrue();
		assertThat(spec.gpuTypeId()).isEqualTo("NVIDIA H100 80GB HBM3");
		assertThat(spec.bidPerGpu()).isEqualByComparingTo("0.35");
		assertValidation(() -> this.pods.spec(request().spot(true).providerOption("bidPerGpu", "cheap").build()),
				"bidPerGpu");
		assertValidation(() -> this.pods.spec(request().gpu(null).spot(true).build()), "a spot pod needs a gpu");
		assertThat(spec.toString()).contains("HF_TOKEN").doesNotContain("hf_s3cr3t");
	}

	@Test
	void theSpecsExamplePodIsNormalized() {
		JsonNode pod = json("""
				{"id":"7h9k2m4n6p","name":"pytorch-training","image":"runpod/pytorch:1.0.2","args":"","disk":50,
				 "ports":["8888/http","22/tcp"],"env":{"MODEL_NAME":"llama-3"},"registry":null,"status":"RUNNING",
				 "actions":["stop","restart","terminate"],"mounts":{"persistent":{"size":20,"path":"/workspace"}},
				 "gpu":{"id":"NVIDIA GeForce RTX 4090","count":1},"cloud":"SECURE","dataCenterId":"US-KS-2",
				 "cost":0.44,"locked":false,
				 "runtime":{"uptime":3600,"ports":[{"private":22,"public":34446,"type":"tcp","ip":"195.26.233.3"}]},
				 "createdAt":"2026-06-01T12:00:00Z","startedAt":"2026-06-01T12:02:00Z"}""");
		Compute compute = this.pods.toCompute(pod);
		assertThat(compute.id()).isEqualTo("7h9k2m4n6p");
		assertThat(compute.provider()).isEqualTo("runpod");
		assertThat(compute.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(compute.name()).isEqualTo("pytorch-training");
		assertThat(compute.image()).isEqualTo("runpod/pytorch:1.0.2");
		assertThat(compute.gpuType()).isEqualTo("NVIDIA GeForce RTX 4090");
		assertThat(compute.gpuCount()).isEqualTo(1);
		assertThat(compute.costPerHour()).isEqualByComparingTo("0.44");
		assertThat(compute.region()).isEqualTo("US-KS-2");
		assertThat(compute.publicIp()).isEqualTo("195.26.233.3");
		assertThat(compute.createdAt()).isEqualTo(Instant.parse("2026-06-01T12:00:00Z"));
		assertThat(compute.ports()).containsExactly(
				new PortBinding(8888, null, PortProtocol.HTTP, "https://7h9k2m4n6p-8888.proxy.runpod.net"),
				new PortBinding(22, 34446, PortProtocol.TCP, "tcp://195.26.233.3:34446"));
		assertThat(compute.raw()).containsKey("env");
	}

	@Test
	void aTcpPortWithoutAMappingYetHasNoUrl() {
		Compute compute = this.pods
			.toCompute(json("{\"id\":\"p\",\"status\":\"PROVISIONING\",\"ports\":[\"22/tcp\"],\"runtime\":null}"));
		assertThat(compute.ports()).containsExactly(new PortBinding(22, null, PortProtocol.TCP, null));
		assertThat(compute.status()).isEqualTo(ComputeStatus.PROVISIONING);
	}

	@Test
	void theGraphQlV1ShapeIsNormalizedToo() {
		Compute compute = this.pods.toCompute(json("""
				{"id":"pod_42","desiredStatus":"RUNNING","imageName":"img","costPerHr":1.19,"ports":"8000/http,22/tcp",
				 "machine":{"gpuTypeId":"NVIDIA L4","dataCenterId":"EU-RO-1"}}"""));
		assertThat(compute.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(compute.image()).isEqualTo("img");
		assertThat(compute.costPerHour()).isEqualByComparingTo("1.19");
		assertThat(compute.gpuType()).isEqualTo("NVIDIA L4");
		assertThat(compute.region()).isEqualTo("EU-RO-1");
		assertThat(compute.url(8000)).contains("https://pod_42-8000.proxy.runpod.net");
	}

	@ParameterizedTest
	@CsvSource({ "PROVISIONING, PROVISIONING", "STARTING, PROVISIONING", "RUNNING, RUNNING", "EXITED, STOPPED",
			"ERROR, FAILED", "TERMINATED, TERMINATED", "SOMETHING_NEW, PROVISIONING" })
	void podStatusesMapToPortableStatuses(String wire, ComputeStatus expected) {
		assertThat(RunPodPodTranslator.status(wire)).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource({ "IN_QUEUE, IN_QUEUE", "IN_PROGRESS, IN_PROGRESS", "RUNNING, IN_PROGRESS", "COMPLETED, COMPLETED",
			"FAILED, FAILED", "CANCELLED, CANCELLED", "TIMED_OUT, TIMED_OUT" })
	void jobStatusesMapToPortableStatuses(String wire, JobStatus expected) {
		assertThat(RunPodServerlessTranslator.jobStatus(wire)).isEqualTo(expected);
	}

	@Test
	void jobsTranslateBothWays() {
		JobRequest request = JobRequest.builder(Map.of("prompt", "hi"))
			.endpoint("ep")
			.webhook("https://example.test/hook")
			.policy("executionTimeout", 60000)
			.providerOption("s3Config", Map.of("bucketName", "b"))
			.build();
		assertThat(RunPodServerlessTranslator.jobBody(request)).isEqualTo(json("""
				{"input":{"prompt":"hi"},"webhook":"https://example.test/hook","policy":{"executionTimeout":60000},
				 "s3Config":{"bucketName":"b"}}"""));
		assertThat(RunPodServerlessTranslator.jobBody(JobRequest.builder("x").build())).isEqualTo(json("{\"input\":\"x\"}"));
		Job job = RunPodServerlessTranslator.toJob("ep", json("""
				{"id":"sync-1","status":"COMPLETED","output":{"text":"hello"},"delayTime":824,"executionTime":3391}"""));
		assertThat(job.ref().endpoint()).isEqualTo("ep");
		assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
		assertThat(job.output()).isEqualTo(Map.of("text", "hello"));
		assertThat(job.executionTime()).isEqualTo(Duration.ofMillis(3391));
		assertThat(job.delayTime()).isEqualTo(Duration.ofMillis(824));
	}

	@Test
	void streamChunksComeFromBothResponseShapes() {
		assertThat(RunPodServerlessTranslator.streamChunks(json("{\"status\":\"IN_PROGRESS\",\"stream\":[{\"output\":\"a\"},{\"output\":\"b\"}]}")))
			.extracting((chunk) -> chunk.output())
			.containsExactly("a", "b");
		assertThat(RunPodServerlessTranslator.streamChunks(json("[{\"metrics\":{},\"output\":{\"t\":1}}]")))
			.extracting((chunk) -> chunk.output())
			.containsExactly(Map.of("t", 1));
	}

	@Test
	void gpuTypesCarryCanonicalIdsPricesAndStock() {
		GpuType h100 = this.spot.toGpuType(json("""
				{"id":"NVIDIA H100 80GB HBM3","displayName":"H100 SXM","memoryInGb":80,"securePrice":2.99,
				 "communityPrice":2.69,"lowestPrice":{"minimumBidPrice":1.19,"uninterruptablePrice":2.69,"stockStatus":"High"}}"""));
		assertThat(h100.canonicalId()).isEqualTo("h100");
		assertThat(h100.nativeId()).isEqualTo("NVIDIA H100 80GB HBM3");
		assertThat(h100.memoryGb()).isEqualTo(80);
		assertThat(h100.onDemandPricePerHour()).isEqualByComparingTo("2.69");
		assertThat(h100.spotPricePerHour()).isEqualByComparingTo("1.19");
		assertThat(h100.availability()).isEqualTo(GpuAvailability.HIGH);
		GpuType unpriced = this.spot.toGpuType(json("{\"id\":\"NVIDIA B300\",\"securePrice\":6.5,\"lowestPrice\":null}"));
		assertThat(unpriced.canonicalId()).isNull();
		assertThat(unpriced.onDemandPricePerHour()).isEqualByComparingTo("6.5");
		assertThat(unpriced.spotPricePerHour()).isNull();
		assertThat(unpriced.availability()).isEqualTo(GpuAvailability.UNKNOWN);
		assertThat(this.spot.toGpuType(json("{\"id\":\"unknown\"}"))).isNull();
	}

	@Test
	void spawnTokensAreFoundInEveryEnvShape() {
		assertThat(RunPodPodTranslator.hasSpawnToken(json("{\"env\":{\"ATLAS_SPAWN_TOKEN\":\"t1\"}}"), "t1")).isTrue();
		assertThat(RunPodPodTranslator.hasSpawnToken(json("{\"env\":[\"ATLAS_SPAWN_TOKEN=t1\"]}"), "t1")).isTrue();
		assertThat(RunPodPodTranslator.hasSpawnToken(json("{\"env\":[{\"key\":\"ATLAS_SPAWN_TOKEN\",\"value\":\"t1\"}]}"), "t1"))
			.isTrue();
		assertThat(RunPodPodTranslator.hasSpawnToken(json("{\"env\":{\"ATLAS_SPAWN_TOKEN\":\"t2\"}}"), "t1")).isFalse();
		assertThat(RunPodPodTranslator.hasSpawnToken(json("{}"), "t1")).isFalse();
	}

	private static JsonNode json(String text) {
		return WireJson.mapper().readTree(text);
	}

	private static void assertValidation(ThrowingCallable call, String mentioned) {
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(call).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION);
			assertThat(ex.provider()).contains("runpod");
			assertThat(ex.getMessage()).contains(mentioned);
		});
	}


}
