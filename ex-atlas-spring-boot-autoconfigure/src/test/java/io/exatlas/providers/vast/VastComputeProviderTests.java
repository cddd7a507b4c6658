package io.exatlas.providers.vast;

import java.util.List;

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
import io.exatlas.providers.vast.internal.VastTranslator;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

class VastComputeProviderTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final VastFixture fixture = new VastFixture();

	private final FakeVast fake = this.fixture.fake;

	private final VastComputeProvider provider = this.fixture.provider;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static ComputeRequest.Builder request() {
		return ComputeRequest.builder().gpu("rtx_4090").image("vllm/vllm-openai:latest").name("atlas-test");
	}

	@Test
	void spawnSearchesWithTheClisDefaultsAndRentsTheCheapestAcceptableOffer() {
		Compute spawned = this.provider
			.spawn(request().httpPort(8000).tcpPort(22).env("HF_TOKEN", "a b").containerDiskGb(40).build(), CTX)
			.block();
		FakeCloud.Exchange search = this.fake.exchanges("POST", "/api/v0/bundles/").get(0);
		assertThat(search.authorization()).isEqualTo("Bearer " + FakeVast.KEY);
		assertThat(search.body().toString()).isEqualTo("{\"verified\":{\"eq\":true},\"external\":{\"eq\":false},"
				+ "\"rentable\":{\"eq\":true},\"rented\":{\"eq\":false},\"gpu_name\":{\"eq\":\"RTX 4090\"},"
				+ "\"num_gpus\":{\"eq\":1},\"disk_space\":{\"gte\":40},\"order\":[[\"dph_total\",\"asc\"]],"
				+ "\"type\":\"on-demand\",\"limit\":3,\"allocated_storage\":40}");
		FakeCloud.Exchange create = this.fake.exchanges("PUT", "/api/v0/asks/").get(0);
		assertThat(create.path()).isEqualTo("/api/v0/asks/1002/");
		JsonNode body = create.body();
		assertThat(body.path("client_id").asString()).isEqualTo("me");
		assertThat(body.path("image").asString()).isEqualTo("vllm/vllm-openai:latest");
		assertThat(body.path("disk").asInt()).isEqualTo(40);
		assertThat(body.path("label").asString()).isEqualTo("atlas-test");
		assertThat(body.path("runtype").asString()).isEqualTo("args");
		assertThat(body.path("env").path("HF_TOKEN").asString()).isEqualTo("a b");
		assertThat(body.path("env").path("-p 8000:8000").asString()).isEqualTo("1");
		assertThat(body.path("env").path("-p 22:22").asString()).isEqualTo("1");
		assertThat(body.path("env").path("ATLAS_PORTS").asString()).isEqualTo("8000/http,22/tcp");
		assertThat(body.path("env").path("ATLAS_SPAWN_TOKEN").asString()).hasSize(36);
		assertThat(body.has("price")).isFalse();
		assertThat(spawned.status()).isEqualTo(ComputeStatus.PROVISIONING);
		assertThat(spawned.costPerHour()).isEqualByComparingTo("0.30");
		assertThat(spawned.region()).isEqualTo("Austin, US");
		assertThat(spawned.name()).isEqualTo("atlas-test");
		assertThat(spawned.createdAt()).isNotNull();
		Compute running = this.provider.get(spawned.id(), CTX).block();
		assertThat(running.status()).isEqualTo(ComputeStatus.RUNNING);
		assertThat(running.publicIp()).isEqualTo(FakeVast.PUBLIC_IP);
		assertThat(running.url(8000)).contains("http://" + FakeVast.PUBLIC_IP + ":48000");
		assertThat(running.url(22)).contains("tcp://" + FakeVast.PUBLIC_IP + ":40022");
	}

	@Test
	void priceCeilingReliabilityCountriesAndCloudTypeNarrowTheSearch() {
		Compute spawned = this.provider.spawn(request().regionHints("no", "jp")
			.cloudType(CloudType.SECURE)
			.providerOption("maxPricePerHour", 0.4)
			.providerOption("minReliability", 0.96)
			.build(), CTX).block();
		JsonNode search = this.fake.exchanges("POST", "/api/v0/bundles/").get(0).body();
		assertThat(search.path("dph_total").toString()).isEqualTo("{\"lte\":0.4}");
		assertThat(search.path("reliability2").toString()).isEqualTo("{\"gte\":0.96}");
		assertThat(search.path("geolocation").toString()).isEqualTo("{\"in\":[\"NO\",\"JP\"]}");
		assertThat(search.path("datacenter").toString()).isEqualTo("{\"eq\":true}");
		assertThat(spawned.region()).isEqualTo("Oslo, NO");
	}

	@Test
	void spotRentsAnInterruptibleInstanceAtTheOffersMinimumBid() {
		Compute spawned = this.provider.spawn(request().spot(true).build(), CTX).block();
		JsonNode search = this.fake.exchanges("POST", "/api/v0/bundles/").get(0).body();
		assertThat(search.path("type").asString()).isEqualTo("bid");
		assertThat(search.path("order").toString()).isEqualTo("[[\"min_bid\",\"asc\"]]");
		JsonNode create = this.fake.exchanges("PUT", "/api/v0/asks/").get(0).body();
		assertThat(create.path("price").decimalValue()).isEqualByComparingTo("0.15");
		assertThat(spawned.raw()).containsEntry("is_bid", true);
		this.provider.spawn(request().name("atlas-bid").spot(true).providerOption("bidPrice", "0.5").build(), CTX).block();
		assertThat(this.fake.exchanges("PUT", "/api/v0/asks/").get(1).body().path("price").decimalValue())
			.isEqualByComparingTo("0.5");
	}

	@Test
	void anOfferTakenBeforeTheCreateIsSkippedForTheNextCheapest() {
		this.fake.takenElsewhere.add("1002");
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.exchanges("PUT", "/api/v0/asks/")).extracting(FakeCloud.Exchange::path)
			.containsExactly("/api/v0/asks/1002/", "/api/v0/asks/1001/");
		assertThat(spawned.region()).isEqualTo("Oslo, NO");
		assertThat(this.fake.instances).hasSize(1);
	}

	@Test
	void whenEveryTriedOfferIsTakenTheErrorIsInsufficientCapacity() {
		this.fake.takenElsewhere.addAll(List.of("1001", "1002"));
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER).satisfies((ex) -> {
			assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY);
			assertThat(ex.code()).contains("no_such_ask");
		});
		assertThat(this.fake.exchanges("PUT", "/api/v0/asks/")).hasSize(2);
		assertThat(this.fake.instances).isEmpty();
	}

	@Test
	void noMatchingOfferIsInsufficientCapacityWithoutACreate() {
		assertKind(() -> this.provider.spawn(request().providerOption("maxPricePerHour", 0.01).build(), CTX).block(),
				ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY));
		assertThat(this.fake.exchanges("PUT", "/api/v0/asks/")).isEmpty();
	}

	@Test
	void aCreateThatSucceededButAnswered500IsFoundByLabelAndTokenNotRepeated() {
		this.fake.handleThenFail("PUT", "/api/v0/asks/\\d+/",
				FakeCloud.json(500, io.exatlas.internal.WireJson.object().put("error", "server_error")));
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.instances).containsOnlyKeys(spawned.id());
		assertThat(this.fake.exchanges("PUT", "/api/v0/asks/")).hasSize(1);
		assertThat(this.fake.exchanges("GET", "/api/v1/instances/").get(0).path())
			.contains("select_filters=%7B%22label%22%3A%7B%22eq%22%3A%22atlas-test%22%7D%7D");
	}

	@Test
	void stopAndStartChangeTheInstanceStateAndTerminateDestroysIt() {
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		this.provider.stop(spawned.id(), CTX).block();
		assertThat(this.fake.exchanges("PUT", "/api/v0/instances/").get(0).body().toString())
			.isEqualTo("{\"state\":\"stopped\"}");
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.STOPPED);
		this.provider.start(spawned.id(), CTX).block();
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.RUNNING);
		this.provider.terminate(spawned.id(), CTX).block();
		assertThat(this.fake.exchanges("DELETE", "/api/v0/instances/" + spawned.id() + "/")).hasSize(1);
		assertKind(() -> this.provider.get(spawned.id(), CTX).block(), ErrorKind.NOT_FOUND);
	}

	@Test
	void listFollowsNextTokenAcrossPages() {
		for (int i = 0; i < 30; i++) {
			this.fake.offers.put(String.valueOf(9000 + i), this.fake.offers.get("1001").deepCopy().put("id", 9000 + i));
		}
		for (int i = 0; i < 28; i++) {
			this.provider.spawn(request().name("atlas-page-" + i).build(), CTX).block();
		}
		List<Compute> listed = this.provider.list(ComputeFilter.namePrefix("atlas-page-"), CTX).collectList().block();
		assertThat(listed).hasSize(28);
		assertThat(this.fake.exchanges("GET", "/api/v1/instances/?limit=25")).hasSizeGreaterThanOrEqualTo(2);
	}

	@Test
	void aRepeatedNextTokenEndsTheListingWithATypedErrorInsteadOfLooping() {
		String page = "{\"instances\": [], \"next_token\": \"same-token\"}";
		this.fake.failNext("GET", "/api/v1/instances/", FakeCloud.text(200, page));
		this.fake.failNext("GET", "/api/v1/instances/", FakeCloud.text(200, page));
		assertKind(() -> this.provider.list(ComputeFilter.all(), CTX).collectList().block(), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("repeated a page cursor"));
		assertThat(this.fake.exchanges("GET", "/api/v1/instances/")).hasSize(2);
	}

	@Test
	void gpuTypesCarryTheCheapestPricePerGpuTheCountriesAndAvailability() {
		List<GpuType> types = this.provider.listGpuTypes(CTX).collectList().block();
		GpuType h100 = types.stream().filter((type) -> type.nativeId().equals("H100 SXM")).findFirst().orElseThrow();
		assertThat(h100.canonicalId()).isEqualTo("h100");
		assertThat(h100.onDemandPricePerHour()).isEqualByComparingTo("2.00");
		assertThat(h100.spotPricePerHour()).isEqualByComparingTo("1.125");
		assertThat(h100.memoryGb()).isEqualTo(80);
		assertThat(h100.regions()).containsExactly("DE", "US");
		assertThat(h100.availability()).isEqualTo(GpuAvailability.MEDIUM);
	}

	@Test
	void anInvalidKeyIsUnauthorizedEvenWhereVastAnswers404() {
		VastComputeProvider wrongKey = new VastComputeProvider(
				new VastClient(this.fixture.clients.client("vast", this.fake.baseUrl(), "wrong")
					.errorDecoder(VastTranslator.ERROR_DECODER)
					.build()),
				io.exatlas.compute.GpuCatalog.builtIn(), 20, 3);
		assertKind(() -> wrongKey.spawn(request().build(), CTX).block(), ErrorKind.UNAUTHORIZED);
		assertKind(() -> wrongKey.get("1", CTX).block(), ErrorKind.UNAUTHORIZED);
	}

	@Test
	void rateLimitsInPlainTextAreRetriedForReads() {
		this.fake.failNext("POST", "/api/v0/bundles/", new MockResponse.Builder().code(429)
			.body("API requests too frequent: endpoint threshold=3.0")
			.build());
		this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.exchanges("POST", "/api/v0/bundles/")).hasSize(2);
	}

	@Test
	void unknownOptionsAndMissingInputAreRejectedBeforeAnyCall() {
		assertKind(() -> this.provider.spawn(request().providerOption("bogus", 1).build(), CTX).block(),
				ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().gpu(null).build(), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().gpu("b200").build(), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().image(null).build(), CTX).block(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void fieldsVastCannotHonourAreReportedOnce() {
		this.provider.spawn(request().volumeGb(100).networkVolumeId("vol").build(), CTX).block();
		assertThat(this.fixture.provider.ignoredFields()).containsExactlyInAnyOrder("volumeGb", "networkVolumeId");
	}

	@ParameterizedTest
	@CsvSource(nullValues = "null", value = { "null,running,running,PROVISIONING", "loading,running,running,PROVISIONING",
			"created,running,running,PROVISIONING", "running,running,running,RUNNING",
			"exited,stopped,stopped,STOPPED", "exited,running,running,FAILED", "offline,running,running,FAILED",
			"unknown,stopped,stopped,FAILED", "running,stopped,running,STOPPED" })
	void statusMapping(String actual, String intended, String current, ComputeStatus expected) {
		assertThat(VastTranslator.status(actual, intended, current)).isEqualTo(expected);
	}

}
