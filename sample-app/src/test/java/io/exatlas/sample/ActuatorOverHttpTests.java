package io.exatlas.sample;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.PlacementPolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The library's actuator endpoints answer over HTTP as Boot's own do: 404 for what does not exist, 400 for a bad
 * argument, never a 500 for a caller's mistake, and statistics that do not invent a hit rate before any request.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "management.endpoint.flytokens.access=unrestricted",
				"management.endpoint.computesessions.access=unrestricted", "exatlas.fly.cli=/nonexistent/fly",
				"exatlas.fly.tokens.store=memory", "exatlas.fly.tokens.config-file-enabled=false" })
@SuppressWarnings("unchecked")
class ActuatorOverHttpTests {

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ComputeOrchestrator orchestrator;

	@Autowired
	private ComputePlacement placement;

	private RestTestClient actuator;

	@BeforeEach
	void connect() {
		this.actuator = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.managementPort + "/actuator")
			.build();
	}

	@Test
	void computeSessionsAnswer404ForAnUnknownSessionAnd400ForAnUnknownAction() {
		this.actuator.post()
			.uri("/computesessions/{id}", "no-such-session")
			.body(Map.of("action", "touch"))
			.exchange()
			.expectStatus()
			.isNotFound();
		this.actuator.delete().uri("/computesessions/{id}", "no-such-session").exchange().expectStatus().isNotFound();
		TrackedSession session = this.orchestrator.spawn(
				ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build(), SessionOptions.forUser("u"));
		this.actuator.post()
			.uri("/computesessions/{id}", session.id())
			.body(Map.of("action", "dance"))
			.exchange()
			.expectStatus()
			.isBadRequest();
		this.actuator.post()
			.uri("/computesessions/{id}", session.id())
			.body(Map.of("action", "touch"))
			.exchange()
			.expectStatus()
			.isOk();
		this.actuator.delete().uri("/computesessions/{id}", session.id()).exchange().expectStatus().isNoContent();
		this.actuator.get().uri("/computesessions/{id}", session.id()).exchange().expectStatus().isNotFound();
	}

	@Test
	@SuppressWarnings("unchecked")
	void theStartersHealthIsUpWithItsPartsWhenNothingIsWrong() {
		Map<String, Object> exatlas = this.actuator.get()
			.uri("/health/exatlas")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(exatlas).containsEntry("status", "UP");
		assertThat((Map<String, Object>) exatlas.get("components")).containsKeys("providers", "flyTokenStore",
				"flyTokenChain");
		this.actuator.get().uri("/health").exchange().expectStatus().isOk();
	}

	@Test
	void computeSessionsShowWhatEachSessionAndEachUserCosts() {
		TrackedSession session = this.orchestrator.spawn(
				ComputeRequest.builder().gpu("h100").gpuCount(2).image("vllm/vllm-openai:latest").build(),
				SessionOptions.forUser("payer"));
		try {
			Map<String, Object> body = this.actuator.get()
				.uri("/computesessions")
				.exchange()
				.expectStatus()
				.isOk()
				.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
				})
				.returnResult()
				.getResponseBody();
			List<Map<String, Object>> sessions = (List<Map<String, Object>>) body.get("sessions");
			assertThat(sessions).filteredOn((entry) -> session.id().equals(entry.get("id")))
				.singleElement()
				.satisfies((entry) -> {
					// The cheapest on-demand H100 offer of the sample's mock (2.19 per GPU-hour) × 2 GPUs.
					assertThat(new BigDecimal(entry.get("costPerHour").toString())).isEqualByComparingTo("4.38");
					assertThat(new BigDecimal(entry.get("accrued").toString())).isNotNegative();
					assertThat(entry.get("billing")).isEqualTo(true);
				});
			Map<String, Object> payer = ((Map<String, Map<String, Object>>) body.get("users")).get("payer");
			assertThat(payer).containsEntry("sessions", 1);
			assertThat(new BigDecimal(payer.get("burnRate").toString())).isEqualByComparingTo("4.38");
			Map<String, Object> spend = (Map<String, Object>) body.get("spend");
			assertThat(new BigDecimal(spend.get("burnRate").toString())).isGreaterThanOrEqualTo(new BigDecimal("4.38"));
			assertThat(spend).containsEntry("zone", "UTC");
		}
		finally {
			this.orchestrator.stopTracked(session.id());
		}
	}

	@Test
	void placementShowsTheOfferCacheAfterAPlacementAndNothingSecret() {
		this.placement.place(ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build(),
				PlacementPolicy.defaults());
		String body = this.actuator.get()
			.uri("/placement")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(String.class)
			.returnResult()
			.getResponseBody();
		Map<String, Object> placement = io.exatlas.internal.WireJson.mapper()
			.readValue(body, new tools.jackson.core.type.TypeReference<Map<String, Object>>() {
			});
		assertThat(placement).containsKeys("offers", "skipList", "pacing", "held");
		assertThat((java.util.List<Map<String, Object>>) placement.get("offers")).singleElement()
			.satisfies((offers) -> {
				assertThat(offers).containsEntry("provider", "mock").containsEntry("fetches", 1);
				assertThat((Integer) offers.get("offers")).isPositive();
				assertThat(offers.get("age")).isNotNull();
			});
		assertThat(body).doesNotContainIgnoringCase("apiKey").doesNotContain("secret");
	}

	@Test
	void flyTokensAnswer400ForAnInvalidName404ForAnAppNeverSeenAnd503WhenNoTokenCanBeHad() {
		Map<String, Object> overview = this.actuator.get()
			.uri("/flytokens")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(overview).extractingByKey("cache")
			.asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
			.as("no hit rate before any request")
			.containsEntry("hitCount", 0)
			.doesNotContainKey("hitRate");
		this.actuator.get().uri("/flytokens/{app}", "Not_An_App").exchange().expectStatus().isBadRequest();
		this.actuator.post().uri("/flytokens/{app}", "Not_An_App").exchange().expectStatus().isBadRequest();
		this.actuator.delete().uri("/flytokens/{app}", "Not_An_App").exchange().expectStatus().isBadRequest();
		this.actuator.delete().uri("/flytokens/{app}", "never-seen").exchange().expectStatus().isNotFound();
		Map<String, Object> refused = this.actuator.post()
			.uri("/flytokens/{app}", "my-app")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(refused).containsEntry("error", "unauthorized").containsKey("message");
		this.actuator.get().uri("/flytokens/{app}", "my-app").exchange().expectStatus().isOk();
		this.actuator.delete().uri("/flytokens/{app}", "my-app").exchange().expectStatus().isNoContent();
	}

}
