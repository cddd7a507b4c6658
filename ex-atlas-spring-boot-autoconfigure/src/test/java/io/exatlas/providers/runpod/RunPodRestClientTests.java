package io.exatlas.providers.runpod;

import java.time.Instant;
import java.util.List;

import io.exatlas.compute.ProviderContext;
import io.exatlas.internal.WireJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class RunPodRestClientTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private final RunPodFixture fixture = new RunPodFixture();

	private final FakeRunPod fake = this.fixture.fake;

	private final RunPodRestClient rest = this.fixture.rest;

	@AfterEach
	void close() {
		this.fixture.close();
	}

	@Test
	void templatesVolumesAndEndpointsUnwrapTheirLists() {
		this.fake.failNext("GET", "/v2/templates", FakeRunPod.json(200, json("{\"templates\":[{\"id\":\"t1\"},{\"id\":\"t2\"}]}")));
		this.fake.failNext("GET", "/v2/network-volumes", FakeRunPod.json(200, json("{\"networkVolumes\":[{\"id\":\"v1\"}]}")));
		this.fake.failNext("GET", "/v2/serverless", FakeRunPod.json(200, json("{\"endpoints\":[{\"id\":\"e1\"}]}")));
		assertThat(ids(this.rest.listTemplates(CTX).collectList().block())).containsExactly("t1", "t2");
		assertThat(ids(this.rest.listNetworkVolumes(CTX).collectList().block())).containsExactly("v1");
		assertThat(ids(this.rest.listEndpoints(CTX).collectList().block())).containsExactly("e1");
	}

	@Test
	void createsAndDeletesSendTheDocumentedShapes() {
		this.fake.failNext("POST", "/v2/network-volumes", FakeRunPod.json(201, json("{\"id\":\"v1\"}")));
		this.fake.failNext("DELETE", "/v2/network-volumes/v1", new mockwebserver3.MockResponse.Builder().code(204).build());
		this.fake.failNext("POST", "/v2/templates", FakeRunPod.json(201, json("{\"id\":\"t1\"}")));
		this.fake.failNext("GET", "/v2/serverless/e1", FakeRunPod.json(200, json("{\"id\":\"e1\"}")));
		this.rest.createNetworkVolume("models", 100, "US-KS-2", CTX).block();
		this.rest.deleteNetworkVolume("v1", CTX).block();
		this.rest.createTemplate(json("{\"name\":\"vllm\",\"image\":\"vllm/vllm-openai\"}"), CTX).block();
		assertThat(this.rest.getEndpoint("e1", CTX).block().path("id").asString()).isEqualTo("e1");
		assertThat(this.fake.exchanges("POST", "/v2/network-volumes").get(0).body())
			.isEqualTo(json("{\"name\":\"models\",\"size\":100,\"dataCenter\":\"US-KS-2\"}"));
		assertThat(this.fake.exchanges("DELETE", "/v2/network-volumes/v1")).hasSize(1);
		assertThat(this.fake.exchanges("POST", "/v2/templates").get(0).body().path("name").asString()).isEqualTo("vllm");
	}

	@Test
	void billingPassesItsQuery() {
		this.fake.failNext("GET", "/v2/billing/pods", FakeRunPod.json(200, json("{\"records\":[],\"metadata\":{}}")));
		this.rest.billing(RunPodRestClient.BillingResource.PODS, "day", Instant.parse("2026-11-01T00:00:00Z"), null, CTX)
			.block();
		String path = this.fake.exchanges("GET", "/v2/billing/pods").get(0).path();
		assertThat(java.net.URLDecoder.decode(path, java.nio.charset.StandardCharsets.UTF_8))
			.isEqualTo("/v2/billing/pods?bucketSize=day&startTime=2026-11-01T00:00:00Z");
	}

	private static List<String> ids(List<JsonNode> nodes) {
		return nodes.stream().map((node) -> node.path("id").asString()).toList();
	}

	private static JsonNode json(String text) {
		return WireJson.mapper().readTree(text);
	}

}
