package io.exatlas.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The packaged sample started the way AOT users start their apps on the JVM ({@code -Dspring.aot.enabled=true},
 * running the bean definitions {@code spring-boot:process-aot} generated at build time instead of the
 * auto-configurations): it starts, spawns and lists a session over HTTP, and its {@code exatlas} health is UP. The
 * process is always stopped, and its output is kept in {@code target/sample-aot.log}.
 */
class SampleAotIT {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void theAotProcessedSampleStartsAndSpawnsASession() throws Exception {
		Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
		assertThat(jar).exists();
		int port = freePort();
		int managementPort = freePort();
		Path log = jar.resolveSibling("sample-aot.log");
		Process app = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
				"-Dspring.aot.enabled=true", "-jar", jar.toString(), "--server.port=" + port,
				"--management.server.port=" + managementPort, "--exatlas.fly.cli=/nonexistent/fly",
				// Conditions were evaluated when the jar was processed (the file store); its path is read at run time.
				"--exatlas.fly.tokens.file=" + jar.resolveSibling("aot-fly-tokens.json"),
				"--exatlas.fly.tokens.config-file-enabled=false"))
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(90))
				.pollInterval(Duration.ofMillis(250))
				.until(() -> !app.isAlive() || status("http://127.0.0.1:" + managementPort + "/actuator/health") == 200);
			assertThat(app.isAlive()).as("the app is running; its output is in %s", log).isTrue();
			assertThat(Files.readString(log)).contains("Starting AOT-processed SampleApplication");

			HttpResponse<String> spawned = this.http.send(HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/sessions"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"aot-user\",\"gpu\":\"h100\",\"image\":\"vllm:1\"}"))
				.build(), HttpResponse.BodyHandlers.ofString());
			assertThat(spawned.statusCode()).as(spawned.body()).isEqualTo(201);
			String sessions = get("http://127.0.0.1:" + port + "/api/sessions").body();
			assertThat(sessions).contains("aot-user", "RUNNING");
			HttpResponse<String> health = get("http://127.0.0.1:" + managementPort + "/actuator/health/exatlas");
			assertThat(health.statusCode()).isEqualTo(200);
			assertThat(JsonMapper.builder().build().readTree(health.body()).path("status").asString()).isEqualTo("UP");
		}
		finally {
			app.destroy();
			if (!app.waitFor(30, TimeUnit.SECONDS)) {
				app.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		assertThat(app.isAlive()).isFalse();
		assertThat(Files.readString(log, StandardCharsets.UTF_8)).doesNotContain("APPLICATION FAILED TO START");
	}

	private int status(String url) {
		try {
			return get(url).statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private HttpResponse<String> get(String url) throws IOException, InterruptedException {
		return this.http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).GET().build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
