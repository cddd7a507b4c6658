package io.exatlas.providers.fly;

import java.time.Duration;
import java.util.List;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.compute.CloudType;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.fly.internal.FlyMachinesTranslator;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;

class FlyMachinesComputeProviderTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final FlyMachinesFixture fixture = new FlyMachinesFixture();

	private final FakeFlyMachines fake = this.fixture.fake;

	private final FlyMachinesComputeProvider provider = this.fixture.provider;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	private static ComputeRequest.Builder request() {
		return ComputeRequest.builder().image("ghcr.io/acme/api:1.2").name("atlas-test");
	}

	@Test
	void spawnCreatesACpuMachineWithServicesPerPortAndNormalizesIt() {
		Compute spawned = this.provider.spawn(request().httpPort(8000)
			.httpPort(9000)
			.tcpPort(5432)
			.env("MODE", "prod")
			.regionHints("fra", "ord")
			.build(), CTX).block();
		FakeCloud.Exchange create = this.fake.exchanges("POST", "/v1/apps/atlas-machines/machines").get(0);
		assertThat(create.authorization()).isEqualTo("Bearer " + FakeFlyMachines.TOKEN);
		JsonNode body = create.body();
		assertThat(body.path("name").asString()).isEqualTo("atlas-test");
		assertThat(body.path("region").asString()).isEqualTo("fra");
		JsonNode config = body.path("config");
		assertThat(config.path("image").asString()).isEqualTo("ghcr.io/acme/api:1.2");
		assertThat(config.path("env").toString()).isEqualTo("{\"MODE\":\"prod\"}");
		assertThat(config.path("guest").toString()).isEqualTo("{\"cpu_kind\":\"shared\",\"cpus\":1,\"memory_mb\":256}");
		assertThat(config.path("services").toString()).isEqualTo("[{\"protocol\":\"tcp\",\"internal_port\":8000,"
				+ "\"autostop\":\"off\",\"autostart\":true,\"ports\":[{\"port\":443,\"handlers\":[\"tls\",\"http\"]},"
				+ "{\"port\":80,\"force_https\":true,\"handlers\":[\"http\"]}]},"
				+ "{\"protocol\":\"tcp\",\"internal_port\":9000,\"autostop\":\"off\",\"autostart\":true,"
				+ "\"ports\":[{\"port\":9000,\"handlers\":[\"tls\",\"http\"]}]},"
				+ "{\"protocol\":\"tcp\",\"internal_port\":5432,\"autostop\":\"off\",\"autostart\":true,"
				+ "\"ports\":[{\"port\":5432}]}]");
		assertThat(config.path("metadata").path("atlas-ports").asString()).isEqualTo("8000/http,9000/http,5432/tcp");
		assertThat(config.path("metadata").path("atlas-spawn").asString()).hasSize(36);
		assertThat(spawned.id()).matches("[a-z0-9]{14}");
		assertThat(spawned.status()).isEqualTo(ComputeStatus.PROVISIONING);
		assertThat(spawned.region()).isEqualTo("fra");
		assertThat(spawned.gpuCount()).isZero();
		assertThat(spawned.url(8000)).contains("https://atlas-machines.fly.dev");
		assertThat(spawned.url(9000)).contains("https://atlas-machines.fly.dev:9000");
		assertThat(spawned.url(5432)).contains("tcp://atlas-machines.fly.dev:5432");
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.RUNNING);
	}

	@Test
	void aMacaroonTokenIsSentWithTheFlyV1Scheme() {
		this.fixture.provider("FlyV1 " + FakeFlyMachines.MACAROON, null).spawn(request().build(), CTX).block();
		assertThat(this.fake.exchanges().get(0).authorization()).isEqualTo("FlyV1 " + FakeFlyMachines.MACAROON);
	}

	@Test
	void gpuAndSpotRequestsAreUnsupportedWithTheReasonAndNothingIsSent() {
		assertKind(() -> this.provider.spawn(request().gpu("a100_80g").build(), CTX).block(), ErrorKind.UNSUPPORTED)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("GPU machines", "2026-08-01"));
		assertKind(() -> this.provider.spawn(request().spot(true).build(), CTX).block(), ErrorKind.UNSUPPORTED);
		assertKind(() -> this.provider.spawn(request().image(null).build(), CTX).block(), ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().providerOption("memoryMb", 300).build(), CTX).block(),
				ErrorKind.VALIDATION);
		assertKind(() -> this.provider.spawn(request().providerOption("gpuKind", "a100").build(), CTX).block(),
				ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void anotherAppIsPartOfTheIdAndEveryOperationRoutesToIt() {
		Compute spawned = this.provider.spawn(request().providerOption("app", FakeFlyMachines.OTHER_APP)
			.providerOption("cpuKind", "performance")
			.providerOption("cpus", 2)
			.providerOption("memoryMb", 4096)
			.build(), CTX).block();
		assertThat(spawned.id()).startsWith(FakeFlyMachines.OTHER_APP + ":");
		String machineId = spawned.id().substring(spawned.id().indexOf(':') + 1);
		assertThat(this.fake.exchanges().get(0).body().path("config").path("guest").toString())
			.isEqualTo("{\"cpu_kind\":\"performance\",\"cpus\":2,\"memory_mb\":4096}");
		this.provider.stop(spawned.id(), CTX).block();
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.STOPPED);
		this.provider.start(spawned.id(), CTX).block();
		this.provider.terminate(spawned.id(), CTX).block();
		assertThat(this.fake.exchanges()).extracting(FakeCloud.Exchange::path)
			.contains("/v1/apps/atlas-other/machines/" + machineId + "/stop",
					"/v1/apps/atlas-other/machines/" + machineId + "/start",
					"/v1/apps/atlas-other/machines/" + machineId + "?force=true");
		assertThat(this.provider.get(spawned.id(), CTX).block().status()).isEqualTo(ComputeStatus.TERMINATED);
	}

	@Test
	void terminateForcesTheDestroyAndTheMachineLeavesTheListing() {
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		this.provider.get(spawned.id(), CTX).block();
		this.provider.terminate(spawned.id(), CTX).block();
		assertThat(this.provider.list(ComputeFilter.all(), CTX).collectList().block()).isEmpty();
	}

	@Test
	void aSpawnCanWaitForTheMachineToStartAcrossFlysSixtySecondWaits() {
		this.fake.waitTimeouts.set(2);
		Compute spawned = this.fixture.provider(FakeFlyMachines.TOKEN, Duration.ofSeconds(150))
			.spawn(request().build(), CTX)
			.block();
		assertThat(this.fake.exchanges("GET", "/v1/apps/atlas-machines/machines/" + spawned.id() + "/wait"))
			.extracting(FakeCloud.Exchange::path)
			.allSatisfy((path) -> assertThat(path).contains("state=started"))
			.map((path) -> path.replaceAll(".*timeout=(\\d+).*", "$1"))
			.containsExactly("60", "60", "30");
		assertThat(spawned.status()).isEqualTo(ComputeStatus.RUNNING);
	}

	@Test
	void waitingLongerThanTheBoundIsATimeout() {
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		this.fake.waitTimeouts.set(5);
		assertKind(() -> this.provider.waitForState(spawned.id(), "started", Duration.ofSeconds(90), CTX).block(),
				ErrorKind.TIMEOUT)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("did not reach 'started' within PT1M30S"));
		assertThat(this.fake.exchanges("GET", "/v1/apps/atlas-machines/machines/" + spawned.id() + "/wait")).hasSize(2);
	}

	@Test
	void listFollowsTheNextCursorHeader() {
		this.fake.pageSize = 2;
		for (int i = 0; i < 5; i++) {
			this.provider.spawn(request().name("atlas-page-" + i).build(), CTX).block();
		}
		List<Compute> listed = this.provider.list(ComputeFilter.namePrefix("atlas-page-"), CTX).collectList().block();
		assertThat(listed).hasSize(5);
		assertThat(this.fake.exchanges("GET", "/v1/apps/atlas-machines/machines?")).hasSize(3);
	}

	@Test
	void insufficientCapacityIsTheCapacityReason() {
		this.fake.failNext("POST", "/v1/apps/atlas-machines/machines",
				FakeFlyMachines.error(412, "insufficient resources to create new machine", "insufficient_capacity"));
		assertKind(() -> this.provider.spawn(request().build(), CTX).block(), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.reason()).contains(ErrorReason.INSUFFICIENT_CAPACITY));
	}

	@Test
	void aCreateThatSucceededButAnswered500IsFoundByItsMetadataNotRepeated() {
		this.fake.handleThenFail("POST", "/v1/apps/atlas-machines/machines",
				FakeFlyMachines.error(500, "internal error", null));
		Compute spawned = this.provider.spawn(request().build(), CTX).block();
		assertThat(this.fake.apps.get(FakeFlyMachines.APP)).containsOnlyKeys(spawned.id());
		assertThat(this.fake.exchanges("POST", "/v1/apps/atlas-machines/machines")).hasSize(1);
	}

	@Test
	void aRepeatedCursorEndsTheListingWithATypedErrorInsteadOfLooping() {
		MockResponse page = new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("fly-next-cursor", "same-cursor")
			.body("[]")
			.build();
		this.fake.failNext("GET", "/v1/apps/[^/]+/machines", page);
		this.fake.failNext("GET", "/v1/apps/[^/]+/machines", page);
		assertKind(() -> this.provider.list(ComputeFilter.all(), CTX).blockLast(), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("repeated a page cursor"));
		assertThat(this.fake.exchanges("GET", "/v1/apps/")).hasSize(2);
	}

	@Test
	void withoutAnAppEveryOperationIsAValidationError() {
		FlyMachinesComputeProvider noApp = new FlyMachinesComputeProvider(
				new FlyMachinesClient(this.fixture.clients.client("fly", this.fake.baseUrl(), FakeFlyMachines.TOKEN)
					.build()),
				null, new FlyGuest("shared", 1, 256), "/data", null);
		assertKind(() -> noApp.spawn(request().build(), CTX).block(), ErrorKind.VALIDATION)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("exatlas.providers.fly.app"));
		assertKind(() -> noApp.list(ComputeFilter.all(), CTX).blockLast(), ErrorKind.VALIDATION);
		assertKind(() -> noApp.get("abc", CTX).block(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

	@Test
	void volumesAreMountedAndFieldsFlyCannotHonourAreReportedOnce() {
		this.provider.spawn(request().networkVolumeId("vol_123")
			.volumeGb(10)
			.containerDiskGb(10)
			.cloudType(CloudType.SECURE)
			.templateId("t")
			.build(), CTX).block();
		assertThat(this.fake.exchanges().get(0).body().path("config").path("mounts").toString())
			.isEqualTo("[{\"volume\":\"vol_123\",\"path\":\"/data\"}]");
		assertThat(this.fixture.provider.ignoredFields()).containsExactlyInAnyOrder("volumeGb", "containerDiskGb",
				"cloudType", "templateId");
	}

	@ParameterizedTest
	@CsvSource({ "created,PROVISIONING", "creating,PROVISIONING", "starting,PROVISIONING", "restarting,PROVISIONING",
			"updating,PROVISIONING", "replacing,PROVISIONING", "started,RUNNING", "stopping,STOPPED", "stopped,STOPPED",
			"suspending,STOPPED", "suspended,STOPPED", "destroying,TERMINATED", "destroyed,TERMINATED",
			"replaced,TERMINATED", "migrated,TERMINATED", "failed,FAILED", "launch_failed,FAILED" })
	void statusMapping(String wire, ComputeStatus expected) {
		assertThat(FlyMachinesTranslator.status(wire)).isEqualTo(expected);
	}

}
