package io.exatlas.providers.http;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.ProviderContext;
import io.exatlas.test.event.RecordingEventPublisher;
import io.exatlas.test.fake.DelayRecordingScheduler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ProviderHttpClientTests {

	private static final ProviderContext CTX = ProviderContext.defaults();

	private static final String KEY = "rp_live_secret_1234567890";

	private final Clock clock = Clock.fixed(Instant.parse("2026-11-24T12:00:00Z"), ZoneOffset.UTC);

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private final DelayRecordingScheduler scheduler = new DelayRecordingScheduler();

	private final List<Observation.Context> observations = new CopyOnWriteArrayList<>();

	private MockWebServer server;

	@BeforeEach
	void startServer() throws IOException {
		this.server = new MockWebServer();
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	private ProviderHttpClient client(RetryPolicy retry) {
		return client(retry, RequestAuthentication.bearer(), Duration.ofSeconds(5), DataSize.ofKilobytes(64));
	}

	private ProviderHttpClient client(RetryPolicy retry, RequestAuthentication authentication, Duration readTimeout,
			DataSize maxBody) {
		return client(retry, authentication, readTimeout, maxBody, HttpProviderSettings.DEFAULT_CALL_TIMEOUT);
	}

	private ProviderHttpClient client(RetryPolicy retry, RequestAuthentication authentication, Duration readTimeout,
			DataSize maxBody, Duration callTimeout) {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<>() {
			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

			@Override
			public void onStop(Observation.Context context) {
				ProviderHttpClientTests.this.observations.add(context);
			}
		});
		ProviderHttpClientFactory factory = new ProviderHttpClientFactory(
				WebClient.builder().observationRegistry(registry), ClientHttpConnectorBuilder.reactor(),
				HttpClientSettings.defaults(), this.events, this.clock, this.scheduler);
		HttpProviderSettings settings = new HttpProviderSettings(this.server.url("/v1").toString(),
				Duration.ofSeconds(2), readTimeout, maxBody, retry, callTimeout);
		return factory.client("testcloud", ProviderApi.MANAGEMENT, settings)
			.authentication(authentication)
			.credentials(CredentialSource.of(() -> KEY), "set exatlas.providers.testcloud.api-key")
			.build();
	}

	private static RetryPolicy retries(int max) {
		return new RetryPolicy(max, Duration.ofMillis(100), Duration.ofSeconds(1), 0, Duration.ofSeconds(30),
				RetryPolicy.DEFAULT_RETRYABLE_STATUSES);
	}

	private void enqueue(int status, String body) {
		this.server.enqueue(new MockResponse.Builder().code(status)
			.addHeader("Content-Type", "application/json")
			.body(body)
			.build());
	}

	@Test
	void sendsTheBearerCredentialAndJsonAndEncodesPathVariables() throws Exception {
		enqueue(201, "{\"id\":\"pod-1\"}");
		JsonNode body = client(retries(0)).post("/pods/{id}/action", "a b/c")
			.body(Map.of("action", "start"))
			.retrieve(CTX)
			.block();
		assertThat(body.path("id").asString()).isEqualTo("pod-1");
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getMethod()).isEqualTo("POST");
		assertThat(request.getTarget()).isEqualTo("/v1/pods/a%20b%2Fc/action");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer " + KEY);
		assertThat(request.getHeaders().get("Accept")).isEqualTo("application/json");
		assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
		assertThat(request.getBody().utf8()).isEqualTo("{\"action\":\"start\"}");
	}

	@Test
	void queryParametersAreEncodedAndMayRepeat() throws Exception {
		enqueue(200, "[]");
		client(retries(0)).get("/pods")
			.query("gpuTypeId", List.of("NVIDIA A100", "B+C"))
			.query("name", "atlas-&x")
			.query("skipped", null)
			.retrieve(CTX)
			.block();
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getTarget()).isEqualTo("/v1/pods?gpuTypeId=NVIDIA%20A100&gpuTypeId=B%2BC&name=atlas-%26x");
		assertThat(request.getUrl().queryParameterValues("gpuTypeId")).containsExactly("NVIDIA A100", "B+C");
	}

	@ParameterizedTest
	@CsvSource({ "401, UNAUTHORIZED", "403, FORBIDDEN", "404, NOT_FOUND", "408, TIMEOUT", "429, RATE_LIMITED",
			"400, PROVIDER", "409, PROVIDER", "422, PROVIDER", "500, PROVIDER", "502, PROVIDER", "503, PROVIDER" })
	void statusesMapToKinds(int status, ErrorKind kind) {
		enqueue(status, "{\"message\":\"nope\"}");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(kind);
				assertThat(ex.status()).hasValue(status);
				assertThat(ex.provider()).contains("testcloud");
				assertThat(ex.detail()).contains("nope");
			});
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"{\"error\":{\"code\":\"global/quota-exceeded\",\"message\":\"Quota exceeded\"}}|Quota exceeded|global/quota-exceeded",
			"{\"message\":\"Pod not found\"}|Pod not found|",
			"{\"title\":\"Not Found\",\"status\":404,\"detail\":\"resource not found\"}|resource not found|",
			"{\"success\":false,\"error\":\"invalid_args\",\"msg\":\"bad disk\"}|bad disk|invalid_args",
			"{\"errors\":[{\"message\":\"deep error\"}]}|deep error|",
			"{\"error\":\"bad key\"}|bad key|",
			"API requests too frequent|API requests too frequent|" })
	void errorMessagesAndCodesComeFromTheCommonShapes(String body, String message, String code) {
		enqueue(400, body);
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/x").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.detail()).contains(message);
				assertThat(ex.code().orElse(null)).isEqualTo(code);
			});
	}

	@Test
	void idempotentRequestsAreRetriedWithAnEventPerAttempt() {
		enqueue(503, "{}");
		enqueue(502, "{}");
		enqueue(200, "{\"ok\":true}");
		JsonNode body = client(retries(3)).get("/pods/{id}", "p1").retrieve(CTX).block();
		assertThat(body.path("ok").asBoolean()).isTrue();
		assertThat(this.server.getRequestCount()).isEqualTo(3);
		List<ProviderRequestEvent> attempts = this.events.ofType(ProviderRequestEvent.class);
		assertThat(attempts).extracting(ProviderRequestEvent::attempt).containsExactly(1, 2, 3);
		assertThat(attempts).extracting((event) -> event.status().getAsInt()).containsExactly(503, 502, 200);
		assertThat(attempts).extracting(ProviderRequestEvent::errorKind)
			.containsExactly(ErrorKind.PROVIDER, ErrorKind.PROVIDER, null);
		assertThat(attempts).allSatisfy((event) -> {
			assertThat(event.provider()).isEqualTo("testcloud");
			assertThat(event.api()).isEqualTo(ProviderApi.MANAGEMENT);
			assertThat(event.method()).isEqualTo("GET");
			assertThat(event.url()).isEqualTo(this.server.url("/v1/pods/p1").toString());
			assertThat(event.instant()).isEqualTo(this.clock.instant());
		});
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
	}

	@Test
	void aCreateIsNeverResent() {
		enqueue(503, "{}");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(3)).post("/pods").body(Map.of("name", "x")).retrieve(CTX).block());
		assertThat(this.server.getRequestCount()).isEqualTo(1);
		assertThat(this.events.ofType(ProviderRequestEvent.class)).hasSize(1);
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 301, 302, 303, 307, 308 })
	void redirectsAreNeverFollowedSoACreateAndItsSecretsNeverReachAnotherHost(int status) throws IOException {
		try (MockWebServer elsewhere = new MockWebServer()) {
			elsewhere.start();
			elsewhere.enqueue(new MockResponse.Builder().code(201).body("{\"id\":\"hijacked\"}").build());
			this.server.enqueue(new MockResponse.Builder().code(status)
				.addHeader("Location", elsewhere.url("/v1/pods").toString())
				.build());
			assertThatExceptionOfType(ExAtlasException.class)
				.isThrownBy(() -> client(retries(3)).post("/pods")
					.body(Map.of("env", Map.of("ATLAS_PRESHARED_KEY", "pod-secret")))
					.retrieve(CTX)
					.block())
				.satisfies((ex) -> {
					assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
					assertThat(ex.status()).hasValue(status);
					assertThat(ex.getMessage()).contains("redirect").doesNotContain(":" + elsewhere.getPort());
				});
			assertThat(elsewhere.getRequestCount()).isZero();
			assertThat(this.server.getRequestCount()).isEqualTo(1);
		}
	}

	/**
	 * Error bodies of generated lengths that put the credential across the 500-character preview cut, as plain text
	 * and inside a JSON message: no part of it of four characters or more may survive in the error.
	 */
	static Stream<Arguments> bodiesWithTheKeyAcrossThePreviewCut() {
		Random random = new Random(20261202);
		return IntStream.range(0, 60).mapToObj((i) -> {
			int before = 500 - KEY.length() + 1 + random.nextInt(KEY.length() - 1);
			String padding = "e".repeat(before);
			String tail = " z".repeat(random.nextInt(40));
			boolean json = random.nextBoolean();
			String body = json ? "{\"message\":\"" + padding + KEY + tail + "\"}" : padding + KEY + tail;
			return Arguments.of(before, json, body);
		});
	}

	@ParameterizedTest(name = "key at {0}, json={1}")
	@MethodSource("bodiesWithTheKeyAcrossThePreviewCut")
	void aKeyAcrossThePreviewCutNeverSurvivesInPart(int offset, boolean json, String body) {
		enqueue(400, body);
		ExAtlasException failure = assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/pods").retrieve(CTX).block())
			.actual();
		String message = failure.getMessage() + " " + failure.code().orElse("");
		for (int length = 4; length <= KEY.length(); length++) {
			assertThat(message).as("prefix of length %d", length).doesNotContain(KEY.substring(0, length));
		}
	}

	@Test
	void aBodyTrickledByteByByteEndsAtTheCallDeadlineNotWhenTheServerLikes() {
		// 1 byte every 100 ms never trips the 5 s read timeout; the whole body would take 30 s
		this.server.enqueue(new MockResponse.Builder().code(200)
			.addHeader("Content-Type", "application/json")
			.body("{\"padding\":\"" + "x".repeat(280) + "\"}")
			.throttleBody(1, 100, TimeUnit.MILLISECONDS)
			.build());
		ProviderHttpClient client = client(retries(3), RequestAuthentication.bearer(), Duration.ofSeconds(5),
				DataSize.ofKilobytes(64), Duration.ofSeconds(1));
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client.get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT);
				assertThat(ex.getMessage()).contains("call deadline of PT1S", "exatlas.http.call-timeout");
			});
	}

	@Test
	void aReadOnlyPostMarkedIdempotentIsRetried() {
		enqueue(503, "{}");
		enqueue(200, "{\"data\":{}}");
		client(retries(3)).post("/graphql").body(Map.of("query", "{ x }")).idempotent(true).retrieve(CTX).block();
		assertThat(this.server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void retriesAreBounded() {
		for (int i = 0; i < 5; i++) {
			enqueue(503, "{\"message\":\"busy\"}");
		}
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(3)).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> assertThat(ex.status()).hasValue(503));
		assertThat(this.server.getRequestCount()).isEqualTo(4);
		assertThat(this.events.ofType(ProviderRequestEvent.class)).hasSize(4);
	}

	@Test
	void retryAfterIsHonoured() {
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "7").build());
		this.server.enqueue(new MockResponse.Builder().code(429)
			.addHeader("Retry-After", "Tue, 24 Nov 2026 12:00:02 GMT")
			.build());
		enqueue(200, "{}");
		client(retries(3)).get("/pods").retrieve(CTX).block();
		assertThat(this.scheduler.delays()).containsExactly(Duration.ofSeconds(7), Duration.ofSeconds(2));
	}

	@Test
	void aRetryAfterBeyondTheMaximumFailsAtOnceWithTheHint() {
		this.server.enqueue(new MockResponse.Builder().code(429).addHeader("Retry-After", "3600").build());
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(3)).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
				assertThat(ex.retryAfter()).contains(Duration.ofHours(1));
			});
		assertThat(this.server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void aRefusedConnectionIsATransportFailureWithNoResponseEvents() throws IOException {
		ProviderHttpClient client = client(retries(2));
		this.server.close();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> client.get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSPORT);
				assertThat(ex.status()).isEmpty();
				assertThat(ex.getMessage()).contains("GET").doesNotContain(KEY);
			});
		List<ProviderRequestEvent> attempts = this.events.ofType(ProviderRequestEvent.class);
		assertThat(attempts).hasSize(3).allSatisfy((event) -> {
			assertThat(event.responseReceived()).isFalse();
			assertThat(event.status()).isEmpty();
			assertThat(event.outcome()).isEqualTo("NO_RESPONSE");
			assertThat(event.errorKind()).isEqualTo(ErrorKind.TRANSPORT);
		});
	}

	@Test
	void aServerThatNeverAnswersTimesOut() {
		this.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(RetryPolicy.none(), RequestAuthentication.bearer(), Duration.ofMillis(300),
					DataSize.ofKilobytes(64))
				.get("/pods")
				.retrieve(CTX)
				.block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
		assertThat(this.events.ofType(ProviderRequestEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.errorKind()).isEqualTo(ErrorKind.TIMEOUT));
	}

	@Test
	void aConnectionResetMidBodyIsATransportFailure() {
		this.server.enqueue(new MockResponse.Builder().code(200)
			.body("{\"pods\":[" + "{\"id\":\"x\"},".repeat(2000) + "{}]}")
			.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
			.build());
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(RetryPolicy.none()).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TRANSPORT));
	}

	@Test
	void unparseableSuccessBodiesAreProviderErrors() {
		enqueue(200, "{\"pods\": [tru");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.status()).hasValue(200);
				assertThat(ex.getMessage()).contains("unparseable");
			});
	}

	@Test
	void aCancelledAttemptAndAnUnreadableSuccessReportAnOutcomeThatAgreesWithTheirKind() {
		this.server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> client(RetryPolicy.none()).get("/pods").retrieve(CTX).block(Duration.ofMillis(300)));
		enqueue(200, "{\"pods\": [tru");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/pods").retrieve(CTX).block());
		assertThat(this.events.ofType(ProviderRequestEvent.class))
			.extracting((event) -> event.outcome() + "/" + event.errorKind() + "/" + event.succeeded())
			.containsExactly("CANCELLED/CANCELLED/false", "INVALID_RESPONSE/PROVIDER/false");
	}

	@Test
	void anEmptySuccessBodyReadsAsMissing() {
		this.server.enqueue(new MockResponse.Builder().code(204).build());
		assertThat(client(retries(0)).delete("/pods/{id}", "p").retrieve(CTX).block().isMissingNode()).isTrue();
	}

	@Test
	void aBodyBeyondTheLimitIsRejectedNotBuffered() {
		enqueue(200, "{\"junk\":\"" + "x".repeat(200_000) + "\"}");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.getMessage()).contains("max-in-memory-size");
			});
	}

	@Test
	void aQueryStringCredentialIsRedactedFromEventsMessagesAndObservations() throws Exception {
		enqueue(401, "{\"message\":\"invalid api_key " + KEY + "\"}");
		ProviderHttpClient client = client(retries(0), RequestAuthentication.queryParameter("api_key"),
				Duration.ofSeconds(5), DataSize.ofKilobytes(64));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> client.post("/graphql")
			.body(Map.of("query", "{ gpuTypes { id } }"))
			.retrieve(CTX)
			.block()).satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
				assertThat(ex.getMessage()).doesNotContain(KEY).contains("REDACTED");
			});
		RecordedRequest request = this.server.takeRequest();
		assertThat(request.getUrl().queryParameter("api_key")).isEqualTo(KEY);
		assertThat(request.getHeaders().get("Authorization")).isNull();
		ProviderRequestEvent event = this.events.ofType(ProviderRequestEvent.class).get(0);
		assertThat(event.url()).endsWith("/v1/graphql?api_key=REDACTED").doesNotContain(KEY);
		assertThat(event.toString()).doesNotContain(KEY);
		ClientRequestObservationContext observation = (ClientRequestObservationContext) this.observations.get(0);
		assertThat(observation.getUriTemplate()).endsWith("/v1/graphql?api_key={exatlasQuery0}");
		assertThat(observation.getHighCardinalityKeyValue("http.url").getValue()).contains("api_key=REDACTED")
			.doesNotContain(KEY);
	}

	@Test
	void secretsTheRequestCarriesAreScrubbedFromTheErrorsItsAnswerProduces() {
		Secret podToken = Secret.of("pod+token/with=chars");
		String encoded = URLEncoder.encode(podToken.reveal(), StandardCharsets.UTF_8);
		enqueue(400, "{\"error\":{\"code\":\"env-" + podToken.reveal()
				+ "\",\"message\":\"invalid env ATLAS_PRESHARED_KEY=" + podToken.reveal() + " (" + encoded + ")\"}}");
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> client(retries(0)).post("/pods")
				.body(Map.of("env", Map.of("ATLAS_PRESHARED_KEY", podToken.reveal())))
				.retrieve(CTX.withSensitiveValue(podToken))
				.block())
			.satisfies((ex) -> {
				assertThat(ex.getMessage()).contains("invalid env ATLAS_PRESHARED_KEY=")
					.doesNotContain(podToken.reveal())
					.doesNotContain(encoded);
				assertThat(ex.code().orElseThrow()).doesNotContain(podToken.reveal());
			});
	}

	@Test
	void theObservedUriIsTheBoundedTemplate() {
		enqueue(200, "{}");
		client(retries(0)).get("/pods/{id}", "pod-12345").retrieve(CTX).block();
		ClientRequestObservationContext observation = (ClientRequestObservationContext) this.observations.get(0);
		assertThat(observation.getUriTemplate()).endsWith("/v1/pods/{id}");
		assertThat(observation.getLowCardinalityKeyValue("uri").getValue()).endsWith("/v1/pods/{id}")
			.doesNotContain("pod-12345");
	}

	@Test
	void withoutACredentialNothingIsSent() {
		ProviderHttpClientFactory factory = new ProviderHttpClientFactory(WebClient.builder(),
				ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(), this.events, this.clock,
				this.scheduler);
		ProviderHttpClient client = factory
			.client("testcloud", ProviderApi.MANAGEMENT, HttpProviderSettings.defaults(this.server.url("/").toString()))
			.credentials(CredentialSource.of(() -> null), "set exatlas.providers.testcloud.api-key or TESTCLOUD_KEY")
			.build();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> client.get("/pods").retrieve(CTX).block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
				assertThat(ex.getMessage()).contains("TESTCLOUD_KEY");
			});
		assertThat(this.server.getRequestCount()).isZero();
		assertThat(this.events.all()).isEmpty();
	}

	@Test
	void aPerCallCredentialWinsOverTheConfiguredOne() throws Exception {
		enqueue(200, "{}");
		client(retries(0)).get("/pods").retrieve(new ProviderContext(Secret.of("per-call"))).block();
		assertThat(this.server.takeRequest(1, TimeUnit.SECONDS).getHeaders().get("Authorization"))
			.isEqualTo("Bearer per-call");
	}

	@Test
	void responsesBindToWireTypesTolerantly() {
		enqueue(200, "{\"id\":\"p1\",\"unknown\":42}");
		assertThat(client(retries(0)).get("/pods/{id}", "p1").retrieve(CTX, Wire.class).block())
			.isEqualTo(new Wire("p1", null));
	}

	record Wire(String id, String name) {
	}

}
