package io.exatlas.providers.runpod;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.GpuType;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobRef;
import io.exatlas.compute.JobRequest;
import io.exatlas.compute.JobStatus;
import io.exatlas.compute.Offer;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderRequestEvent;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RunPodComputeProviderTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final RunPodFixture fixture = new RunPodFixture();

	private final FakeRunPod fake = this.fixture.fake;

	private final RunPodComputeProvider provider = this.fixture.provider;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static ComputeRequest.Builder request() {
		return ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").name("atlas-test");
	}

	@Test
	void spawnSendsAV2CreateWithTheBearerKeyAndNormalizesThePod() {
		Compute spawned = this.provider.spawn(request().httpPort(8000).tcpPort(22).env("A", "1").build(), CTX).block();
		FakeCloud.Exchange create = this.fake.exchanges("POST", "/v2/pods").get(0);
		assertThat(create.authorization()).isEqualTo("Bearer " + FakeRunPod.KEY);
		JsonNode body = create.body();
		assertThat(body.path("name").asString()).isEqualTo("atlas-test");
		assertThat(body.path("image").asString()).isEqualTo("vllm/vllm-openai:latest");
		assertThat(body.path("gpu").path("id").asString()).isEqualTo("NVIDIA H100 80GB HBM3");
		assertThat(body.path("gpu").path("count").asInt()).isEqualTo(1);
		assertThat(body.path("env").path("A").asString()).isEqualTo("1");
		assertThat(body.path("env").path("ATLAS_SPAWN_TOKEN").asString()).isNotBlank();
		assertThat(body.path("ports").toString()).isEqualTo("[\"8000/http\",\"22/tcp\"]");
		assertThat(spawned.status()).isEqualTo(ComputeStatus.PROVISIONING);
		assertThat(spawned.url(8000)).contains("https://" + spawned.id() + "-8000.proxy.runpod.net");
		Compute running = this.provider.get(spawned.id(), CTX).block();
		assertThat(running.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(running.url(22)).contains("tcp://" + FakeRunPod.PUBLIC_IP + ":30022");
		assertThat(running.costPerHour()).isEqualByComparingTo("0.44");
	}

	@Test
	void aCreateThatSucceededButAnswered500IsFoundNotRepeated() {
		this.fake.createThenFail(500);
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.pods).hasSize(1).containsKey(spawned.id());
		assertThat(this.fake.exchanges("POST", "/v2/pods")).hasSize(1);
		assertThat(this.fake.exchanges("GET", "/v2/pods")).hasSize(1);
	}

	@Test
	void aCreateThatReallyFailedIsSentAgainAfterTheLookup() {
		this.fake.failNext("POST", "/v2/pods", FakeRunPod.problem(503, "Service Unavailable", "try again"));
		this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.pods).hasSize(1);
		assertThat(this.fake.exchanges("POST", "/v2/pods")).hasSize(2);
		assertThat(this.fake.exchanges("GET", "/v2/pods")).hasSize(1);
		assertThat(this.fixture.retryDelays.delays()).containsExactly(Duration.ofMillis(100));
	}

	@Test
	void aDefiniteRejectionIsNeitherLookedUpNorRepeated() {
		this.fake.failNext("POST", "/v2/pods", FakeRunPod.problem(400, "Bad Request", "no capacity in US-KS-2"));
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER);
		assertThat(this.fake.exchanges("POST", "/v2/pods")).hasSize(1);
		assertThat(this.fake.exchanges("GET", "/v2/pods")).isEmpty();
		assertThat(this.fake.pods).isEmpty();
	}

	@Test
	void whenTheLookupFailsTheCreateIsNotSentAgain() {
		this.fake.createThenFail(502);
		for (int i = 0; i < 4; i++) {
			this.fake.failNext("GET", "/v2/pods", FakeRunPod.problem(500, "Internal Server Error", "db down"));
		}
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER);
		assertThat(this.fake.exchanges("POST", "/v2/pods")).hasSize(1);
		assertThat(this.fake.pods).hasSize(1);
	}

	@Test
	void spotPodsGoThroughGraphQlWithTheLowestBid() {
		Compute spawned = this.provider.spawn(request().spot(true).httpPort(8000).build(), CTX).block();
		List<FakeCloud.Exchange> graphql = this.fake.exchanges("POST", "/graphql");
		assertThat(graphql).hasSize(2);
		assertThat(graphql.get(0).body().path("query").asString()).contains("ExAtlasSpotBid", "NVIDIA H100 80GB HBM3");
		JsonNode input = graphql.get(1).body().path("variables").path("input");
		assertThat(graphql.get(1).body().path("query").asString()).contains("PodRentInterruptableInput!");
		assertThat(input.path("bidPerGpu").asDouble()).isEqualTo(1.19);
		assertThat(input.path("gpuTypeId").asString()).isEqualTo("NVIDIA H100 80GB HBM3");
		assertThat(input.path("ports").asString()).isEqualTo("8000/http");
		assertThat(input.path("env").get(0).path("key").asString()).isEqualTo("ATLAS_SPAWN_TOKEN");
		assertThat(spawned.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(this.fake.pods.get(spawned.id()).path("interruptible").asBoolean()).isTrue();
		assertThat(this.fixture.events.ofType(ProviderRequestEvent.class))
			.extracting(ProviderRequestEvent::api)
			.containsOnly(ProviderApi.GRAPHQL);
	}

	@Test
	void anExplicitBidSkipsThePriceQuery() {
		this.provider.spawn(request().spot(true).providerOption("bidPerGpu", 2.5).build(), CTX).block();
		List<FakeCloud.Exchange> graphql = this.fake.exchanges("POST", "/graphql");
		assertThat(graphql).hasSize(1);
		assertThat(graphql.get(0).body().path("variables").path("input").path("bidPerGpu").asDouble()).isEqualTo(2.5);
	}

	@Test
	void exhaustedSpotCapacityIsAProviderErrorWithTheCapacityReason() {
		this.fake.spotCapacityExhausted = true;
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.provider.spawn(request().spot(true).providerOption("bidPerGpu", 1).build(), CTX)
				.block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.status()).hasValue(200);
				assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY);
				assertThat(ex.code()).contains("RUNPOD");
			});
	}

	@Test
	void invalidInputIsRejectedBeforeAnyRequest() {
		assertKind(() -> this.provider.spawn(request().providerOption("bogus", 1).build(), CTX).block(),
				ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().spot(true).providerOption("bogus", 1).build(), CTX).block(),
				ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().gpu("a10").build(), CTX).block(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void listFiltersStopStartAndTerminate() {
		Compute a = this.provider.spawn(request().name("atlas-a").build(), CTX).block();
		Compute b = this.provider.spawn(request().name("other-b").build(), CTX).block();
		this.provider.stop(a.id(), CTX).block();
		assertThat(this.fake.exchanges("POST", "/v2/pods/" + a.id() + "/action").get(0).body().path("action").asString())
			.isEqualTo("stop");
		assertThat(this.provider.list(ComputeFilter.status(ComputeStatus.STOPPED), CTX).collectList().block())
			.extracting(Compute::id)
			.containsExactly(a.id());
		assertThat(this.provider.list(ComputeFilter.namePrefix("other-"), CTX).collectList().block())
			.extracting(Compute::id)
			.containsExactly(b.id());
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> this.provider.start(b.id(), CTX).block())
			.satisfies((ex) -> assertThat(ex.status()).hasValue(409));
		this.provider.start(a.id(), CTX).block();
		assertThat(this.provider.get(a.id(), CTX).block().status()).isEqualTo(ComputeStatus.RUNNING);
		this.provider.terminate(a.id(), CTX).block();
		assertThat(this.fake.exchanges("DELETE", "/v2/pods/" + a.id())).hasSize(1);
		assertKind(() -> this.provider.get(a.id(), CTX).block(), ErrorKind.NOT_FOUND);
	}

	@ParameterizedTest
	@CsvSource({ "401, UNAUTHORIZED, 1", "403, FORBIDDEN, 1", "404, NOT_FOUND, 1", "500, PROVIDER, 4",
			"503, PROVIDER, 4", "429, RATE_LIMITED, 4" })
	void managementErrorsMapToKindsWithRetriesOnlyWhereTheyHelp(int status, ErrorKind kind, int attempts) {
		for (int i = 0; i < 4; i++) {
			this.fake.failNext("GET", "/v2/pods/p1", FakeRunPod.problem(status, "x", "failure " + status));
		}
		assertKind(() -> this.provider.get("p1", CTX).block(), kind);
		assertThat(this.fake.exchanges("GET", "/v2/pods/p1")).hasSize(attempts);
		assertThat(this.fixture.events.ofType(ProviderRequestEvent.class)).hasSize(attempts)
			.allSatisfy((event) -> assertThat(event.api()).isEqualTo(ProviderApi.MANAGEMENT));
	}

	@Test
	void retryAfterOn429IsHonoured() {
		this.fake.failNext("GET", "/v2/pods", new MockResponse.Builder().code(429)
			.addHeader("Retry-After", "3")
			.body("{\"title\":\"Too Many Requests\",\"status\":429,\"detail\":\"rate limit exceeded for the minute window\"}")
			.build());
		assertThat(this.provider.list(ComputeFilter.all(), CTX).collectList().block()).isEmpty();
		assertThat(this.fixture.retryDelays.delays()).containsExactly(Duration.ofSeconds(3));
	}

	@Test
	void malformedJsonResetConnectionsAndSlowAnswersAreTyped() {
		this.fake.failNext("GET", "/v2/pods/p1", new MockResponse.Builder().code(200).body("{\"id\": \"p1\", ").build());
		assertKind(() -> this.provider.get("p1", CTX).block(), ErrorKind.PROVIDER);
		for (int i = 0; i < 4; i++) {
			this.fake.failNext("GET", "/v2/pods/p2",
					new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
		}
		assertKind(() -> this.provider.get("p2", CTX).block(), ErrorKind.TRANSPORT);
		RunPodFixture slow = new RunPodFixture(Duration.ofMillis(200));
		try {
			for (int i = 0; i < 4; i++) {
				slow.fake.failNext("GET", "/v2/pods/p3",
						new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
			}
			assertKind(() -> slow.provider.get("p3", CTX).block(), ErrorKind.TIMEOUT);
			assertThat(slow.fake.exchanges("GET", "/v2/pods/p3")).hasSize(4);
		}
		finally {
			slow.close();
		}
	}

	@Test
	void aPerCallKeyIsSentInsteadOfTheConfiguredOne() {
		assertKind(() -> this.provider.get("p1", new ProviderContext(Secret.of("another-key"))).block(),
				ErrorKind.UNAUTHORIZED);
		assertThat(this.fake.exchanges().get(0).authorization()).isEqualTo("Bearer another-key");
	}

	@Test
	void asyncJobsRunAndProgress() {
		Job job = this.provider.runJob(JobRequest.builder(Map.of("prompt", "hi")).endpoint("ep-1").build(), CTX).block();
		assertThat(job.status()).isEqualTo(JobStatus.IN_QUEUE);
		assertThat(job.endpoint()).isEqualTo("ep-1");
		FakeCloud.Exchange run = this.fake.exchanges("POST", "/runtime/ep-1/run").get(0);
		assertThat(run.body().toString()).isEqualTo("{\"input\":{\"prompt\":\"hi\"}}");
		assertThat(run.authorization()).isEqualTo("Bearer " + FakeRunPod.KEY);
		assertThat(this.provider.getJob(job.ref(), CTX).block().status()).isEqualTo(JobStatus.IN_PROGRESS);
		assertThat(this.fixture.events.ofType(ProviderRequestEvent.class)).extracting(ProviderRequestEvent::api)
			.containsOnly(ProviderApi.RUNTIME);
	}

	@Test
	void syncJobsReturnTheResult() {
		Job job = this.provider.runJob(JobRequest.builder(Map.of("prompt", "hi")).endpoint("ep-1")
			.sync(Duration.ofSeconds(10)).build(), CTX).block();
		assertThat(job.status()).isEqualTo(JobStatus.COMPLETED);
		assertThat(job.output()).isEqualTo(Map.of("echo", Map.of("prompt", "hi")));
		assertThat(job.executionTime()).isEqualTo(Duration.ofMillis(345));
		assertThat(this.fake.exchanges("POST", "/runtime/ep-1/runsync").get(0).path()).contains("wait=10000");
	}

	@Test
	void aSyncJobThatOutlivesItsTimeoutFailsWithTimeout() {
		this.fake.jobsNeverFinish = true;
		StepVerifier.create(this.provider.runJob(JobRequest.builder("x").endpoint("ep-1")
			.sync(Duration.ofMillis(300)).build(), CTX))
			.expectErrorSatisfies((ex) -> {
				assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex).hasMessageContaining("runsync exceeded");
			})
			.verify(Duration.ofSeconds(5));
		assertThat(this.fake.exchanges("GET", "/runtime/ep-1/status")).isNotEmpty();
	}

	@Test
	void aSyncJobAnsweredUnfinishedIsPolledToTheEnd() {
		this.fake.jobsNeverFinish = true;
		Job queued = this.provider.runJob(JobRequest.builder("x").endpoint("ep-1").build(), CTX).block();
		this.fake.jobsNeverFinish = false;
		Job done = this.provider.runJob(JobRequest.builder("x").endpoint("ep-1").sync(Duration.ofSeconds(5)).build(), CTX)
			.block();
		assertThat(done.status()).isEqualTo(JobStatus.COMPLETED);
		assertThat(queued.status()).isEqualTo(JobStatus.IN_QUEUE);
	}

	@Test
	void cancelAndStream() {
		Job job = this.provider.runJob(JobRequest.builder("x").endpoint("ep-1").build(), CTX).block();
		List<JobOutput> chunks = this.provider.streamJob(job.ref(), CTX).collectList().block(Duration.ofSeconds(5));
		assertThat(chunks).extracting(JobOutput::output).containsExactly("part-1", "part-2");
		assertThat(this.provider.getJob(job.ref(), CTX).block().status()).isEqualTo(JobStatus.COMPLETED);
		Job other = this.provider.runJob(JobRequest.builder("y").endpoint("ep-1").build(), CTX).block();
		this.provider.cancelJob(other.ref(), CTX).block();
		assertThat(this.provider.getJob(other.ref(), CTX).block().status()).isEqualTo(JobStatus.CANCELLED);
	}

	@Test
	void aFailedJobsStreamEndsWithATypedError() {
		Job job = this.provider.runJob(JobRequest.builder(Map.of("fail", "CUDA out of memory")).endpoint("ep-1").build(),
				CTX).block();
		StepVerifier.create(this.provider.streamJob(job.ref(), CTX))
			.expectNextCount(2)
			.expectErrorSatisfies((ex) -> {
				assertThat(((ExAtlasException) ex).reason()).contains(ErrorReason.JOB_NOT_COMPLETED);
				assertThat(ex).hasMessageContaining("CUDA out of memory");
			})
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void aStreamErrorIsSignalledNotSwallowed() {
		StepVerifier.create(this.provider.streamJob(JobRef.of("ep-1", "no-such-job"), CTX))
			.expectErrorSatisfies((ex) -> assertThat(((ExAtlasException) ex).kind()).isEqualTo(ErrorKind.NOT_FOUND))
			.verify(Duration.ofSeconds(5));
	}

	@Test
	void jobCallsWithoutAnEndpointAreRejectedBeforeAnyRequest() {
		assertKind(() -> this.provider.runJob(JobRequest.builder("x").build(), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.getJob(JobRef.of(null, "j"), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.cancelJob(JobRef.of(null, "j"), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.streamJob(JobRef.of(null, "j"), CTX).blockLast(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void gpuPricesComeFromGraphQlWithTheKeyInAHeader() {
		List<GpuType> types = this.provider.listGpuTypes(CTX).collectList().block();
		assertThat(types).extracting(GpuType::nativeId)
			.containsExactly("NVIDIA H100 80GB HBM3", "NVIDIA GeForce RTX 4090", "NVIDIA B300");
		assertThat(types.get(0).canonicalId()).isEqualTo("h100");
		assertThat(types.get(0).spotPricePerHour()).isEqualByComparingTo("1.19");
		assertThat(types.get(1).canonicalId()).isEqualTo("rtx_4090");
		FakeCloud.Exchange query = this.fake.exchanges("POST", "/graphql").get(0);
		assertThat(query.path()).isEqualTo("/graphql");
		assertThat(query.authorization()).isEqualTo("Bearer " + FakeRunPod.KEY);
		assertThat(query.body().path("query").asString()).containsPattern("lowestPrice\\(input: \\{gpuCount: 1\\}\\) \\{[^}]*stockStatus");
		ProviderRequestEvent event = this.fixture.events.ofType(ProviderRequestEvent.class).get(0);
		assertThat(event.api()).isEqualTo(ProviderApi.GRAPHQL);
		assertThat(event.url()).endsWith("/graphql").doesNotContain(FakeRunPod.KEY);
	}

	@Test
	void aNoCapacityAnswerIsACapacityErrorThatPlacementMovesOn() {
		this.fake.failNext("POST", "/v2/pods", FakeRunPod.problem(400, "Bad Request",
				"There are no longer any instances available with the requested specifications. Please refresh and try again."));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> this.provider.spawn(request().build(), CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.reason()).hasValue(ErrorReason.INSUFFICIENT_CAPACITY);
			});
		assertThat(this.fake.exchanges("POST", "/v2/pods")).hasSize(1);
	}

	@Test
	void offersAreOnePerTierAndSpotWithTheTiersPricesAndTheTypesStock() {
		List<Offer> offers = this.provider.listOffers(CTX).collectList().block();
		assertThat(offers).filteredOn((offer) -> "h100".equals(offer.gpu()))
			.extracting((offer) -> offer.cloudType() + "/" + offer.spot() + "/" + offer.pricePerGpuHour().toPlainString()
					+ "/" + offer.availability())
			.containsExactly("SECURE/false/2.99/HIGH", "COMMUNITY/false/2.69/HIGH", "ANY/true/1.19/HIGH");
		assertThat(offers).filteredOn((offer) -> offer.nativeGpuId().equals("NVIDIA B300"))
			.as("a tier RunPod does not run the type in, or without a price, has no offer")
			.extracting(Offer::cloudType)
			.containsExactly(CloudType.SECURE);
		assertThat(offers).allSatisfy((offer) -> {
			assertThat(offer.provider()).isEqualTo("runpod");
			assertThat(offer.region()).isNull();
			assertThat(offer.gpuCount()).isNull();
			assertThat(offer.fetchedAt()).isNull();
		});
		assertThat(this.fake.exchanges("POST", "/graphql")).hasSize(1);
	}

	private static void assertKind(ThrowingCallable call, ErrorKind kind) {
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(call)
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(kind));
	}

}
