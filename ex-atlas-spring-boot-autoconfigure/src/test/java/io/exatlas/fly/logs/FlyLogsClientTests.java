package io.exatlas.fly.logs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;

import io.exatlas.ErrorKind;
import io.exatlas.Secret;
import io.exatlas.fly.FlyAuthorization;
import io.exatlas.fly.logs.FlyLogsFetchEvent.Phase;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.test.fake.FakeCloud;
import io.exatlas.test.fake.TestProviderClients;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlyLogsClientTests {

	final FakeFlyLogs fake = new FakeFlyLogs();

	private final TestProviderClients clients = new TestProviderClients();

	private final StubFlyTokens tokens = new StubFlyTokens("fo1_logs_token", "fo1_logs_token");

	final FlyLogsClient client = client(Duration.ofSeconds(5));

	FlyLogsClient client(Duration readTimeout) {
		return new FlyLogsClient(this.clients.client("fly", ProviderApi.PLATFORM, this.fake.url(""), readTimeout, "unused")
			.credentials(CredentialSource.none(), "chain")
			.authentication(FlyAuthorization.requestAuthentication())
			.build(), this.tokens, this.clients.events, Clock.systemUTC());
	}

	@AfterEach
	void close() {
		this.fake.close();
	}

	@Test
	void parsesTheJsonApiPageAndFollowsTheCursor() {
		this.fake.log("GET /health 200");
		this.fake.log("worker started");
		LogPage first = this.client.fetch(FakeFlyLogs.APP, null, "ord", "1781973f003d89").block();
		assertThat(first.entries()).extracting(LogEntry::message).containsExactly("GET /health 200", "worker started");
		LogEntry entry = first.entries().get(0);
		assertThat(entry.app()).isEqualTo(FakeFlyLogs.APP);
		assertThat(entry.level()).isEqualTo("info");
		assertThat(entry.region()).isEqualTo("ord");
		assertThat(entry.instance()).isEqualTo("1781973f003d89");
		assertThat(entry.timestamp()).hasToString("2026-11-24T10:00:00Z");
		assertThat(entry.toString()).doesNotContain("health");
		assertThat(first.nextToken()).isEqualTo("2");
		FakeCloud.Exchange request = this.fake.exchanges().get(0);
		assertThat(request.path()).isEqualTo("/api/v1/apps/atlas-logs/logs?next_token=&region=ord&instance=1781973f003d89");
		assertThat(request.authorization()).isEqualTo("Bearer fo1_logs_token");
		this.fake.log("third");
		LogPage next = this.client.fetch(FakeFlyLogs.APP, first.nextToken(), null, null).block();
		assertThat(next.entries()).extracting(LogEntry::message).containsExactly("third");
	}

	@Test
	void malformedEntriesAreSkippedAndCounted() {
		this.fake.log("ok");
		this.fake.logMalformed();
		this.fake.log("also ok");
		LogPage page = this.client.fetch(FakeFlyLogs.APP, null, null, null).block();
		assertThat(page.entries()).hasSize(2);
		assertThat(page.malformed()).isEqualTo(1);
	}

	@Test
	void aTenMegabyteEntryIsStoppedByTheBufferLimitAndFetchedOnce() {
		String huge = "{\"data\":[{\"attributes\":{\"timestamp\":\"2026-11-24T10:00:00Z\",\"message\":\""
				+ "x".repeat(10 * 1024 * 1024) + "\"}}],\"meta\":{\"next_token\":\"1\"}}";
		this.fake.failNext("GET", "/api/v1/apps/[^/]+/logs", FakeCloud.text(200, huge));
		assertKind(() -> this.client.fetch(FakeFlyLogs.APP, null, null, null).block(), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("max-in-memory-size").hasSizeLessThan(500));
		assertThat(this.fake.exchanges()).hasSize(1);
	}

	@Test
	void junkItemsAmongLargeEntriesAreSkippedAndCounted() {
		String big = "y".repeat(300_000);
		String body = "{\"data\":[7, \"junk\", null, [1, 2], {\"attributes\": 3},"
				+ "{\"attributes\":{\"timestamp\":\"\\u0000\\u00ff\",\"message\":\"bad time\"}},"
				+ "{\"attributes\":{\"timestamp\":\"2026-11-24T10:00:00Z\",\"message\":{\"nested\":true}}},"
				+ "{\"attributes\":{\"timestamp\":\"2026-11-24T10:00:01Z\",\"message\":\"" + big + "\"}},"
				+ "{\"attributes\":{\"timestamp\":\"2026-11-24T10:00:02Z\",\"message\":\"\\u0007\\ufffd bell\"}}],"
				+ "\"meta\":{\"next_token\":\"9\"}}";
		this.fake.failNext("GET", "/api/v1/apps/[^/]+/logs", FakeCloud.text(200, body));
		LogPage page = this.client.fetch(FakeFlyLogs.APP, null, null, null).block();
		assertThat(page.entries()).extracting(LogEntry::message).containsExactly(big, "\u0007\ufffd bell");
		assertThat(page.malformed()).isEqualTo(7);
		assertThat(page.nextToken()).isEqualTo("9");
	}

	@Test
	void aBodyOfBinaryJunkIsAProviderErrorNotAnotherException() {
		byte[] junk = new byte[64 * 1024];
		new Random(7).nextBytes(junk);
		for (MockResponse response : List.of(
				new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
					.body(new okio.Buffer().write(junk)).build(),
				FakeCloud.text(200, "{\"data\":[{\"attributes\":{\"message\":\"cut"),
				FakeCloud.text(200, "\u0000\u0001\u0002 not json"))) {
			this.fake.failNext("GET", "/api/v1/apps/[^/]+/logs", response);
			assertKind(() -> this.client.fetch(FakeFlyLogs.APP, null, null, null).block(), ErrorKind.PROVIDER);
		}
	}

	@Test
	void aMacaroonTokenTravelsWithItsOwnScheme() {
		this.tokens.current = "FlyV1 fm2_abc,fm2_def";
		this.fake.validToken = "FlyV1 fm2_abc,fm2_def";
		this.client.fetch(FakeFlyLogs.APP, null, null, null).block();
		assertThat(this.fake.exchanges().get(0).authorization()).isEqualTo("FlyV1 fm2_abc,fm2_def");
	}

	@Test
	void aStartTimeIsSentAsFlysNanosecondCursorAndAPageSaysWhereTheNextOneStarts() {
		this.fake.log("GET /health 200");
		LogPage page = this.client.fetchSince(FakeFlyLogs.APP, Instant.parse("2024-01-01T00:00:00Z"), null, null)
			.block();
		assertThat(this.fake.exchanges().get(0).path())
			.isEqualTo("/api/v1/apps/atlas-logs/logs?next_token=1704067200000000000");
		assertThat(page.nextStartTime()).hasValue(page.entries().get(0).timestamp().plusNanos(1));
		assertThat(new LogPage(List.of(), null, 0).nextStartTime()).isEmpty();
		assertThat(FlyLogsClient.cursor(Instant.parse("2024-01-01T00:00:02.000000001Z")))
			.as("nanoseconds kept, not truncated to microseconds").isEqualTo("1704067202000000001");
	}

	@Test
	void aCallersOwnTokenIsUsedOnceWithTheSameSpanAndNoRefresh() {
		this.fake.validToken = "Bearer fo1_my_own";
		this.fake.log("mine");
		assertThat(this.client.fetch(FakeFlyLogs.APP, Secret.of("fo1_my_own"), null, null, null).block().entries())
			.extracting(LogEntry::message).containsExactly("mine");
		assertThat(this.fake.exchanges().get(0).authorization()).isEqualTo("Bearer fo1_my_own");
		assertKind(() -> this.client.fetch(FakeFlyLogs.APP, Secret.of("fo1_rejected"), null, null, null).block(),
				ErrorKind.UNAUTHORIZED);
		assertThat(this.tokens.refreshes).as("the chain is not involved").hasValue(0);
		assertThat(this.clients.events.ofType(FlyLogsFetchEvent.class)).extracting(FlyLogsFetchEvent::phase)
			.containsExactly(Phase.START, Phase.STOP, Phase.START, Phase.STOP);
	}

	@Test
	void a401RefreshesTheTokenAndRetriesExactlyOnce() {
		this.tokens.current = "stale";
		this.tokens.afterRefresh = "fo1_logs_token";
		this.fake.log("after refresh");
		assertThat(this.client.fetch(FakeFlyLogs.APP, null, null, null).block().entries()).hasSize(1);
		assertThat(this.tokens.refreshes).hasValue(1);
		assertThat(this.fake.exchanges()).extracting(FakeCloud.Exchange::authorization)
			.containsExactly("Bearer stale", "Bearer fo1_logs_token");
	}

	@Test
	void aSecond401IsUnauthorizedAfterOneRetry() {
		this.tokens.current = "stale";
		this.tokens.afterRefresh = "still-stale";
		assertKind(() -> this.client.fetch(FakeFlyLogs.APP, null, null, null).block(), ErrorKind.UNAUTHORIZED);
		assertThat(this.fake.exchanges()).hasSize(2);
		assertThat(this.tokens.refreshes).hasValue(1);
	}

	@Test
	void everyFetchIsASpanWithoutLogContent() {
		this.fake.log("Authorization: Bearer leaked-in-a-log-line");
		this.client.fetch(FakeFlyLogs.APP, null, null, null).block();
		assertKind(() -> this.client.fetch("unknown-app", null, null, null).block(), ErrorKind.NOT_FOUND);
		List<FlyLogsFetchEvent> events = this.clients.events.ofType(FlyLogsFetchEvent.class);
		assertThat(events).extracting(FlyLogsFetchEvent::phase)
			.containsExactly(Phase.START, Phase.STOP, Phase.START, Phase.STOP);
		assertThat(events.get(1).ok()).isTrue();
		assertThat(events.get(1).count()).isEqualTo(1);
		assertThat(events.get(3).ok()).isFalse();
		assertThat(events.get(3).error()).isEqualTo(ErrorKind.NOT_FOUND);
		assertThat(events).allSatisfy((event) -> assertThat(event.toString()).doesNotContain("leaked"));
	}

	@Test
	void noAnswerIsAnExceptionPhase() {
		for (int i = 0; i < 4; i++) {
			this.fake.failNext("GET", "/api/v1/apps/atlas-logs/logs",
					new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build());
		}
		assertKind(() -> this.client.fetch(FakeFlyLogs.APP, null, null, null).block(), ErrorKind.TRANSPORT);
		assertThat(this.clients.events.ofType(FlyLogsFetchEvent.class)).extracting(FlyLogsFetchEvent::phase)
			.containsExactly(Phase.START, Phase.EXCEPTION);
	}

	@Test
	void aFetchItsCallerGivesUpOnEndsOnceAsCancelled() {
		this.fake.failNext("GET", "/api/v1/apps/atlas-logs/logs",
				new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(
				() -> this.client.fetch(FakeFlyLogs.APP, null, null, null).block(Duration.ofMillis(300)));
		List<FlyLogsFetchEvent> events = this.clients.events.ofType(FlyLogsFetchEvent.class);
		assertThat(events).extracting(FlyLogsFetchEvent::phase).containsExactly(Phase.START, Phase.EXCEPTION);
		assertThat(events.get(1).error()).isEqualTo(ErrorKind.CANCELLED);
	}

	@Test
	void aSlowResponseIsATimeout() {
		this.fake.failNext("GET", "/api/v1/apps/atlas-logs/logs",
				new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		FlyLogsClient impatient = client(Duration.ofMillis(200));
		this.fake.log("eventually");
		assertThat(impatient.fetch(FakeFlyLogs.APP, null, null, null).block().entries()).hasSize(1);
		assertThat(this.fake.exchanges()).hasSize(2);
	}

	@Test
	void anInvalidAppNameIsRejectedBeforeAnyCall() {
		assertKind(() -> this.client.fetch("../etc", null, null, null).block(), ErrorKind.VALIDATION);
		assertThat(this.fake.exchanges()).isEmpty();
	}

}
