package io.exatlas.sample;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.mock.MockComputeProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
@ExtendWith(OutputCaptureExtension.class)
class SampleApplicationTests {

	@Autowired
	private RestTestClient client;

	@Autowired
	private MockComputeProvider mock;

	@AfterEach
	void reset() {
		this.mock.reset();
	}

	@LocalServerPort
	private int port;

	@Test
	void theEventLogReplaysRecentEventsToANewlyOpenedPage() throws Exception {
		String id = this.client.post()
			.uri("/api/sessions")
			.body(Map.of("userId", "replayed-user", "gpu", "h100", "image", "x:1"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		this.client.delete().uri("/api/sessions/{id}", id).exchange().expectStatus().isNoContent();
		// Opened after the session came and went: the page still sees its events, in order, before anything new.
		HttpClient http = HttpClient.newHttpClient();
		HttpResponse<java.util.stream.Stream<String>> stream = http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + "/api/sessions/events"))
					.header("Accept", "text/event-stream")
					.build(),
				HttpResponse.BodyHandlers.ofLines());
		List<String> replayed = CompletableFuture
			.supplyAsync(() -> stream.body()
				.filter((line) -> line.startsWith("data:") && line.contains(id))
				.limit(3)
				.map((line) -> line.replaceAll(".*\"type\":\"([A-Z_]+)\".*\"status\":(null|\"([A-Z]+)\").*",
						"$1 $3").trim())
				.toList())
			.get(10, TimeUnit.SECONDS);
		stream.body().close();
		assertThat(replayed).containsExactly("STATUS RUNNING", "TERMINATING", "STATUS TERMINATED");
	}

	@Test
	void spawnListAndTerminateAMockResourceOverHttp(CapturedOutput output) {
		Map<String, Object> spawned = this.client.post()
			.uri("/api/computes")
			.body(Map.of("gpu", "h100", "image", "vllm/vllm-openai:latest", "httpPort", 8000, "bearer", true))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String id = (String) spawned.get("id");
		assertThat(spawned).containsEntry("provider", "mock").containsEntry("status", "RUNNING");
		assertThat((String) spawned.get("name")).startsWith("sample-");
		assertThat(spawned.get("urls")).isEqualTo(List.of("https://" + id + "-8000.mock.local"));
		assertThat((String) spawned.get("bearerToken")).hasSize(43);

		List<Map<String, Object>> listed = this.client.get()
			.uri("/api/computes")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<List<Map<String, Object>>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(listed).singleElement().satisfies((compute) -> assertThat(compute).containsEntry("id", id)
			.containsEntry("bearerToken", null));

		this.client.delete().uri("/api/computes/{id}", id).exchange().expectStatus().isNoContent();
		this.client.get()
			.uri("/api/computes/{id}", id)
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("TERMINATED");

		assertThat(output).contains("ExAtlas mock spawn SUCCESS " + id, "ExAtlas mock terminate SUCCESS " + id)
			.doesNotContain((String) spawned.get("bearerToken"));
	}

	@Test
	void theConfiguredMockOffersAreRankedCheapestFirstWithTheRestLeftOutAndWhy() {
		Map<String, List<Map<String, Object>>> plan = this.client.get()
			.uri("/api/offers?gpu=h100&maxPricePerHour=2.30")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, List<Map<String, Object>>>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(plan.get("candidates")).singleElement().satisfies((offer) -> assertThat(offer)
			.containsEntry("provider", "mock")
			.containsEntry("region", "mock-west")
			.containsEntry("cloudType", "COMMUNITY")
			.containsEntry("pricePerHour", 2.19));
		assertThat(plan.get("rejected")).extracting((offer) -> offer.get("region") + " " + offer.get("rejected"))
			.containsExactlyInAnyOrder("mock-east OVER_PRICE", "mock-west SPOT_POLICY");
		this.client.get().uri("/api/offers").exchange().expectStatus().isBadRequest();
	}

	@Test
	void errorsComeBackAsProblemDetailsWithTheirKind() {
		this.client.post()
			.uri("/api/computes")
			.body(Map.of("gpu", "h100", "httpPort", 70000))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.BAD_REQUEST)
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("VALIDATION");
		this.client.get().uri("/api/computes/nope").exchange().expectStatus().isNotFound();
	}

	@Test
	void jobsRunAndStreamOverServerSentEvents() {
		Map<String, Object> job = this.client.post()
			.uri("/api/jobs")
			.body(Map.of("prompt", "hello"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		String stream = this.client.get()
			.uri("/api/jobs/{id}/stream", job.get("id"))
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(stream).contains("data:").contains("\"step\":3");
		this.client.get()
			.uri("/api/jobs/{id}", job.get("id"))
			.exchange()
			.expectBody()
			.jsonPath("$.status")
			.isEqualTo("COMPLETED");
	}

	@Test
	void thePageIsServed() {
		this.client.get()
			.uri("/")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.value((html) -> assertThat(html).contains("ExAtlas sample"));
	}

	@Test
	void aFlyLogTailWithoutATokenEndsWithAnErrorAndAStoppedEvent() {
		String stream = this.client.get()
			.uri("/api/fly/apps/atlas-sample/logs")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		assertThat(stream).contains("event:error", "event:stopped");
	}

	@Test
	void badInputIsA400NeverA500() {
		this.client.post()
			.uri("/api/sessions")
			.body(Map.of("userId", "alice", "gpu", "h100", "image", "x:1", "idleTtlSeconds", -5))
			.exchange()
			.expectStatus()
			.isBadRequest()
			.expectBody()
			.jsonPath("$.kind")
			.isEqualTo("VALIDATION");
		this.client.post()
			.uri("/api/sessions")
			.header("Content-Type", "application/json")
			.body("{not json")
			.exchange()
			.expectStatus()
			.isBadRequest();
	}

	@Test
	void requestBodiesAreLimited() {
		this.client.post()
			.uri("/api/computes")
			.body(Map.of("gpu", "h100", "image", "x".repeat(20_000)))
			.exchange()
			.expectStatus()
			.isEqualTo(HttpStatus.CONTENT_TOO_LARGE);
		assertThat(this.mock.list(ComputeFilter.all(), ProviderContext.defaults()).collectList().block()).isEmpty();
	}

	@Test
	void callerInputCannotForgeLogLines(CapturedOutput output) {
		String id = this.client.post()
			.uri("/api/sessions")
			.body(Map.of("userId", "mallory\nINFO forged line\r\n", "gpu", "h100", "image", "x:1"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody()
			.get("id")
			.toString();
		this.client.delete().uri("/api/sessions/{id}", id).exchange().expectStatus().isNoContent();
		assertThat(output).contains("(mallory?INFO forged line??)").doesNotContainPattern("(?m)^INFO forged");
	}

	@Test
	void bothPortsListenOnLoopbackByDefault(@Value("${server.address}") String server,
			@Value("${management.server.address}") String management) {
		assertThat(server).isEqualTo("127.0.0.1");
		assertThat(management).isEqualTo("127.0.0.1");
	}

}
