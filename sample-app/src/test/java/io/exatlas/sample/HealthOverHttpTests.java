package io.exatlas.sample;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/health} tells the truth about the starter's parts, over HTTP: a Fly token store that cannot
 * write is DOWN with its path and the cause, a provider whose cloud (a local fake) refused the credentials on the
 * application's last call is DOWN with that reason, and nothing secret appears.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "exatlas.fly.cli=/nonexistent/fly",
				"exatlas.fly.tokens.config-file-enabled=false", "exatlas.providers.runpod.api-key=" + HealthOverHttpTests.KEY })
class HealthOverHttpTests {

	static final String KEY = "rk-health-test-not-a-real-key-4711";

	@TempDir
	static Path directory;

	/** A fake RunPod that refuses every key, as RunPod does a revoked one. */
	private static final HttpServer CLOUD = refusingCloud();

	@LocalManagementPort
	private int managementPort;

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void properties(DynamicPropertyRegistry registry) throws IOException {
		// A regular file where the store's directory should be: no user, root included, can create the token file.
		Path blocker = Files.writeString(directory.resolve("not-a-directory"), "x");
		registry.add("exatlas.fly.tokens.file", () -> blocker.resolve("fly-tokens.json").toString());
		registry.add("exatlas.providers.runpod.base-url", () -> "http://127.0.0.1:" + CLOUD.getAddress().getPort());
		registry.add("exatlas.providers.runpod.graphql-url",
				() -> "http://127.0.0.1:" + CLOUD.getAddress().getPort() + "/graphql");
	}

	@AfterAll
	static void stopCloud() {
		CLOUD.stop(0);
	}

	@Test
	@SuppressWarnings("unchecked")
	void anUnwritableTokenStoreAndRefusedCredentialsAreDownWithTheirReasonAndNothingSecret() {
		RestTestClient app = RestTestClient.bindToServer().baseUrl("http://127.0.0.1:" + this.port).build();
		app.get().uri("/api/computes?provider=runpod").exchange().expectStatus().isEqualTo(502);
		RestTestClient actuator = RestTestClient.bindToServer()
			.baseUrl("http://127.0.0.1:" + this.managementPort + "/actuator")
			.build();
		String raw = actuator.get().uri("/health").exchange().expectStatus().isEqualTo(503)
			.expectBody(String.class).returnResult().getResponseBody();
		assertThat(raw).doesNotContain(KEY);
		Map<String, Object> exatlas = actuator.get()
			.uri("/health/exatlas")
			.exchange()
			.expectStatus()
			.isEqualTo(503)
			.expectBody(new ParameterizedTypeReference<Map<String, Object>>() {
			})
			.returnResult()
			.getResponseBody();
		assertThat(exatlas).containsEntry("status", "DOWN");
		Map<String, Object> parts = (Map<String, Object>) exatlas.get("components");
		Map<String, Object> store = (Map<String, Object>) parts.get("flyTokenStore");
		assertThat(store).containsEntry("status", "DOWN");
		assertThat((Map<String, Object>) store.get("details")).containsEntry("state", "NOT_WRITABLE")
			.containsKey("reason")
			.hasEntrySatisfying("file", (file) -> assertThat(file.toString()).endsWith("fly-tokens.json"));
		Map<String, Object> providers = (Map<String, Object>) ((Map<String, Object>) parts.get("providers"))
			.get("components");
		Map<String, Object> runpod = (Map<String, Object>) providers.get("runpod");
		assertThat(runpod).containsEntry("status", "DOWN");
		assertThat(((Map<String, Object>) runpod.get("details")).get("reason").toString())
			.contains("refused the credentials").contains("401");
		assertThat((Map<String, Object>) providers.get("mock")).containsEntry("status", "UP");
		assertThat((Map<String, Object>) providers.get("vast")).containsEntry("status", "UNKNOWN");
	}

	private static HttpServer refusingCloud() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
			server.createContext("/", (exchange) -> {
				byte[] body = "{\"error\":\"invalid api key\"}".getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(401, body.length);
				exchange.getResponseBody().write(body);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
