package io.exatlas.providers.http;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.ProviderContext;
import io.exatlas.pacing.Pacer;
import io.exatlas.pacing.PacingRule;
import io.exatlas.pacing.PacingScope;
import io.exatlas.pacing.PacingSettings;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.event.RecordingEventPublisher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Pacing on the wire: a request the pacer holds is not sent until its permit is due (a RunPod-like server that
 * reports no requests left for 12 seconds), and one it refuses is never sent and fails {@code RATE_LIMITED}.
 */
class PacedRequestTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.close();
		this.time.dispose();
	}

	private ProviderHttpClient client(String provider, Pacer pacer) {
		ProviderHttpClientFactory factory = new ProviderHttpClientFactory(WebClient.builder(),
				ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(), new RecordingEventPublisher(),
				this.clock, Schedulers.immediate(), pacer);
		return factory
			.client(provider, ProviderApi.MANAGEMENT,
					new HttpProviderSettings(this.server.url("/v2").toString(), Duration.ofSeconds(2),
							Duration.ofSeconds(5), DataSize.ofKilobytes(64), RetryPolicy.none()))
			.credentials(CredentialSource.of(() -> "k"), "set the key")
			.build();
	}

	@Test
	void aRequestAfterTheServerReportedNoneLeftIsSentOnlyWhenItsWindowResets() throws InterruptedException {
		ProviderHttpClient client = client("runpod", new Pacer(PacingSettings.DEFAULTS, this.clock, this.time));
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.addHeader("RateLimit", "\"minute\";r=0;t=12, \"hour\";r=2800;t=1812")
			.addHeader("RateLimit-Policy", "\"minute\";q=60;w=60, \"hour\";q=3000;w=3600")
			.body("[]")
			.build());
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("[{\"id\":\"p1\"}]")
			.build());
		client.get("/pods").retrieve(ProviderContext.defaults()).block(Duration.ofSeconds(10));
		CompletableFuture<JsonNode> held = client.get("/pods").retrieve(ProviderContext.defaults()).toFuture();
		assertThat(held).isNotDone();
		assertThat(this.server.getRequestCount()).as("held before it was sent").isEqualTo(1);
		this.time.advanceTimeBy(Duration.ofSeconds(12));
		assertThat(held.join()).hasSize(1);
		assertThat(this.server.getRequestCount()).isEqualTo(2);
		assertThat(this.server.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/pods");
	}

	@Test
	void aRequestThePacerRefusesIsNeverSent() {
		Pacer strict = new Pacer(new PacingSettings(List.of(new PacingRule("testcloud.one", "testcloud", "POST",
				"/things", PacingScope.PROVIDER, 1, Duration.ofHours(1))), Duration.ofSeconds(1), Set.of()), this.clock,
				this.time);
		ProviderHttpClient client = client("testcloud", strict);
		this.server.enqueue(new MockResponse.Builder().code(201).addHeader("Content-Type", "application/json")
			.body("{}")
			.build());
		client.post("/things").body(java.util.Map.of("a", 1)).retrieve(ProviderContext.defaults()).block();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client.post("/things").body(java.util.Map.of("a", 2)).retrieve(ProviderContext.defaults())
				.block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
				assertThat(ex.code()).hasValue("client_pacing");
			});
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

}
