package io.exatlas.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.placement.ComputePlacement;
import io.exatlas.placement.PlacementPolicy;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.resttestclient.autoconfigure.AutoConfigureRestTestClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.web.servlet.client.RestTestClient;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scrapes {@code /actuator/prometheus} from the management port after a scripted workload and holds the library's
 * metric families ({@code exatlas_*}) to Prometheus' own linter, {@code promtool check metrics}. CI installs promtool and sets
 * {@code EXATLAS_REQUIRE_PROMTOOL=true}; elsewhere the lint is skipped when promtool is missing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureRestTestClient
class PrometheusMetricsTests {

	@Autowired
	private RestTestClient client;

	@LocalManagementPort
	private int managementPort;

	@Autowired
	private ComputePlacement placement;

	@Test
	void theLibrarysMetersAreScrapedAndPassPromtool() throws IOException, InterruptedException {
		Map<String, Object> spawned = this.client.post()
			.uri("/api/computes")
			.body(Map.of("gpu", "h100", "image", "vllm/vllm-openai:latest", "httpPort", 8000))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		this.client.delete().uri("/api/computes/{id}", spawned.get("id")).exchange().expectStatus().is2xxSuccessful();
		this.client.get().uri("/api/computes/does-not-exist").exchange().expectStatus().isNotFound();
		Map<String, Object> session = this.client.post()
			.uri("/api/sessions")
			.body(Map.of("userId", "metrics-user", "gpu", "h100", "image", "vllm/vllm-openai:latest"))
			.exchange()
			.expectStatus()
			.isCreated()
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		this.client.delete().uri("/api/sessions/{id}", session.get("id")).exchange().expectStatus().is2xxSuccessful();
		String placed = this.placement
			.place(ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build(),
					PlacementPolicy.defaults())
			.compute()
			.id();

		RestClient management = RestClient.create("http://localhost:" + this.managementPort);
		AtomicReference<String> scraped = new AtomicReference<>();
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
			scraped.set(management.get().uri("/actuator/prometheus").retrieve().body(String.class));
			assertThat(scraped.get()).contains("exatlas_compute_operation_seconds_count{",
					"exatlas_orchestrator_sessions_spawned_total{", "exatlas_orchestrator_sessions_terminated_total{",
					"exatlas_orchestrator_sessions_active ", "exatlas_compute_placement_seconds_count{",
					"exatlas_compute_placement_attempt_seconds_count{", "exatlas_compute_spawn_seconds_count{",
					"exatlas_spend_burn_rate_usd_per_hour{provider=\"mock\"", "exatlas_spend_accrued_usd_total{provider=\"mock\"");
		});
		String scrape = scraped.get();
		assertThat(scrape).doesNotContain("metrics-user", (String) spawned.get("id"), placed, "mock-west");
		// promtool judges our families; Boot's and the JVM's own meters are not ours to rename
		String ours = scrape.lines()
			.filter((line) -> line.startsWith("exatlas_") || line.startsWith("# HELP exatlas_")
					|| line.startsWith("# TYPE exatlas_"))
			.collect(Collectors.joining("\n", "", "\n"));
		Path file = Path.of("target", "prometheus-scrape-exatlas.txt");
		Files.writeString(file, ours);
		promtoolCheck(file);
	}

	private static void promtoolCheck(Path scrape) throws IOException, InterruptedException {
		boolean required = "true".equals(System.getenv("EXATLAS_REQUIRE_PROMTOOL"));
		Path promtool = Path.of("/usr/bin/promtool");
		if (!Files.isExecutable(promtool)) {
			assertThat(required).as("promtool is required in CI but missing").isFalse();
			Assumptions.abort("promtool not installed (Debian package 'prometheus'); the lint is skipped");
		}
		Process process = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectErrorStream(true)
			.redirectInput(scrape.toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
		String report = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(report).as("promtool check metrics").isBlank();
		assertThat(process.exitValue()).as("promtool exit code; report:\n" + report).isZero();
	}

}
