package io.exatlas.fly.tokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.support.FakeFlyCli;
import io.exatlas.support.SchedulerClock;
import io.exatlas.test.event.RecordingEventPublisher;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.test.scheduler.VirtualTimeScheduler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class FlyTokensTests {

	private static final Instant START = Instant.parse("2026-11-24T12:00:00Z");

	@TempDir
	Path temp;

	private final FakeFlyCli cli = new FakeFlyCli();

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final Clock clock = new SchedulerClock(this.time, START);

	private final Scheduler workers = Schedulers.newBoundedElastic(256, 100_000, "test-fly-tokens");

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	private TokenStore store = new InMemoryTokenStore();

	private final List<FlyTokens> created = new ArrayList<>();

	@AfterEach
	void close() {
		this.created.forEach(FlyTokens::close);
		this.workers.dispose();
		this.time.dispose();
		this.cli.close();
	}

	private FlyTokens tokens() {
		return tokens(FlyTokenSettings.defaults(), null, this.cli.executable(), Duration.ofSeconds(10));
	}

	private FlyTokens tokens(FlyTokenSettings settings, FlyConfigFile configFile, String executable,
			Duration cliTimeout) {
		return tokens(settings, configFile, executable, cliTimeout, ObservationRegistry.NOOP);
	}

	private FlyTokens tokens(FlyTokenSettings settings, FlyConfigFile configFile, String executable,
			Duration cliTimeout, ObservationRegistry observations) {
		FlyTokens tokens = FlyTokens.builder(this.store, new FlyCliTokenIssuer(executable, "my-org", cliTimeout))
			.configFile(configFile)
			.settings(settings)
			.events(this.events)
			.clock(this.clock)
			.observations(observations)
			.schedulers(this.workers, this.time)
			.build();
		this.created.add(tokens);
		return tokens;
	}

	private List<FlyTokenAcquireStopEvent> stops() {
		return this.events.ofType(FlyTokenAcquireStopEvent.class);
	}

	private static String pair(FlyTokenAcquireStopEvent event) {
		return event.source() + "/" + event.acquirer();
	}

	@Test
	void aFirstGetRunsTheCliAndLaterGetsHitTheCache() {
		FlyTokens tokens = tokens();
		FlyToken first = tokens.get("my-app");
		assertThat(first.source()).isEqualTo(TokenSource.CLI);
		assertThat(first.token().reveal()).isEqualTo(this.cli.printedToken());
		assertThat(first.authorizationHeaderValue()).isEqualTo(this.cli.printedToken());
		assertThat(first.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
		FlyToken second = tokens.get("my-app");
		assertThat(second.source()).isEqualTo(TokenSource.CACHE);
		assertThat(second.token()).isEqualTo(first.token());
		assertThat(this.cli.invocations()).singleElement()
			.satisfies((line) -> assertThat(line).endsWith("tokens create readonly my-org"));
		assertThat(this.events.all()).extracting((event) -> event.getClass().getSimpleName())
			.containsExactly("FlyTokenAcquireStartEvent", "FlyTokenAcquireStopEvent", "FlyTokenAcquireStartEvent",
					"FlyTokenAcquireStopEvent");
		assertThat(stops()).extracting(FlyTokensTests::pair).containsExactly("CLI/APP_SERVER", "CACHE/FACADE");
		assertThat(this.events.ofType(FlyTokenAcquireStartEvent.class)).allSatisfy((start) -> {
			assertThat(start.app()).isEqualTo("my-app");
			assertThat(start.systemTime()).isEqualTo(START);
		});
		assertThat(stops()).allSatisfy((stop) -> {
			assertThat(stop.duration()).isPositive();
			assertThat(stop.monotonicTime()).isPositive();
		});
		await().untilAsserted(() -> assertThat(this.store.get("my-app", TokenKind.CACHED)).hasValueSatisfying((stored) -> {
			assertThat(stored.token()).isEqualTo(first.token());
			assertThat(stored.expiresAt()).isEqualTo(START.plus(Duration.ofHours(24)));
		}));
	}

	@Test
	void resolutionsByTheChainAreObservedButCacheHitsAreNot() {
		List<io.micrometer.observation.Observation.Context> observed = new java.util.concurrent.CopyOnWriteArrayList<>();
		io.micrometer.observation.ObservationRegistry registry = io.micrometer.observation.ObservationRegistry.create();
		registry.observationConfig().observationHandler(new io.micrometer.observation.ObservationHandler<>() {

			@Override
			public void onStop(io.micrometer.observation.Observation.Context context) {
				observed.add(context);
			}

			@Override
			public boolean supportsContext(io.micrometer.observation.Observation.Context context) {
				return true;
			}

		});
		FlyTokens tokens = tokens(FlyTokenSettings.defaults(), null, this.cli.executable(), Duration.ofSeconds(10),
				registry);
		tokens.get("my-app");
		tokens.get("my-app");
		assertThat(observed).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo("exatlas.fly.token.resolution");
			assertThat(context.getLowCardinalityKeyValue("source").getValue()).isEqualTo("cli");
			assertThat(context.getLowCardinalityKeyValue("refresh").getValue()).isEqualTo("false");
			assertThat(context.getHighCardinalityKeyValue("fly.app").getValue()).isEqualTo("my-app");
		});
	}

	@Test
	void aValidStoredTokenIsUsedAfterARestartWithoutTheCli() {
		this.store.put("my-app", TokenKind.CACHED, new StoredToken(Secret.of("stored"), START.plus(Duration.ofHours(1))));
		FlyToken token = tokens().get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.STORAGE);
		assertThat(token.token().reveal()).isEqualTo("stored");
		assertThat(stops()).extracting(FlyTokensTests::pair).containsExactly("STORAGE/APP_SERVER");
		assertThat(this.cli.invocations()).isEmpty();
	}

	@Test
	void aRestartOverTheSameFileResolvesFromStorage() {
		this.store = new FileTokenStore(this.temp.resolve("tokens.json"), this.clock);
		FlyToken first = tokens().get("my-app");
		await().until(() -> Files.exists(this.temp.resolve("tokens.json")));
		this.store = new FileTokenStore(this.temp.resolve("tokens.json"), this.clock);
		FlyToken afterRestart = tokens().get("my-app");
		assertThat(afterRestart.source()).isEqualTo(TokenSource.STORAGE);
		assertThat(afterRestart.token()).isEqualTo(first.token());
		assertThat(this.cli.invocations()).hasSize(1);
	}

	@Test
	void anExpiredStoredTokenIsSkipped() {
		this.store.put("my-app", TokenKind.CACHED, new StoredToken(Secret.of("stale"), START.minusSeconds(1)));
		assertThat(tokens().get("my-app").source()).isEqualTo(TokenSource.CLI);
	}

	@Test
	void eachTokenExpiresAtItsOwnExpiryAndIsAcquiredAgain() {
		FlyTokens tokens = tokens(new FlyTokenSettings(Duration.ofHours(24), Duration.ZERO, Duration.ofSeconds(30), 100,
				Duration.ofSeconds(30)), null, this.cli.executable(), Duration.ofSeconds(10));
		tokens.get("my-app");
		this.time.advanceTimeBy(Duration.ofHours(24).plusSeconds(1));
		this.store.delete("my-app", TokenKind.CACHED);
		assertThat(tokens.get("my-app").source()).isEqualTo(TokenSource.CLI);
		assertThat(this.cli.invocations()).hasSize(2);
	}

	@Test
	void theFlyctlConfigFileComesBeforeTheCli() throws IOException {
		Path config = this.temp.resolve("config.yml");
		Files.writeString(config, "access_token: \"fm2_config,fm2_login\"\nsend_metrics: true\n");
		FlyTokens tokens = tokens(FlyTokenSettings.defaults(), new FlyConfigFile(config), this.cli.executable(),
				Duration.ofSeconds(10));
		FlyToken token = tokens.get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.CONFIG);
		assertThat(token.authorizationHeaderValue()).isEqualTo("FlyV1 fm2_config,fm2_login");
		Files.delete(config);
		assertThat(tokens.get("my-app").source()).isEqualTo(TokenSource.CACHE);
		assertThat(this.cli.invocations()).isEmpty();
		assertThat(this.store.get("my-app", TokenKind.CACHED)).as("the login token is never copied to the store")
			.isEmpty();
	}

	@Test
	void flyAccessTokenAndFlyApiTokenComeBeforeTheConfigFileAsFlyctlReadsThem() {
		Map<String, String> variables = new HashMap<>(Map.of("FLY_API_TOKEN", "fm2_from_api_variable"));
		FlyTokens tokens = FlyTokens.builder(this.store, new FlyCliTokenIssuer(this.cli.executable(), "my-org",
				Duration.ofSeconds(10)))
			.environment(variables::get)
			.events(this.events)
			.clock(this.clock)
			.schedulers(this.workers, this.time)
			.build();
		this.created.add(tokens);
		FlyToken token = tokens.get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.ENVIRONMENT);
		assertThat(token.token().reveal()).isEqualTo("fm2_from_api_variable");
		assertThat(this.store.get("my-app", TokenKind.CACHED)).as("the user's own token is never stored").isEmpty();
		variables.put("FLY_ACCESS_TOKEN", "fm2_from_access_variable");
		assertThat(tokens.refresh("my-app").token().reveal()).as("FLY_ACCESS_TOKEN wins, as in flyctl")
			.isEqualTo("fm2_from_access_variable");
		assertThat(this.cli.invocations()).isEmpty();
	}

	@Test
	void aLoggedOutConfigFileIsAMiss() throws IOException {
		Path config = this.temp.resolve("config.yml");
		Files.writeString(config, "access_token: \"\"\n");
		assertThat(tokens(FlyTokenSettings.defaults(), new FlyConfigFile(config), this.cli.executable(),
				Duration.ofSeconds(10)).get("my-app").source()).isEqualTo(TokenSource.CLI);
	}

	@Test
	void whenTheCliFailsTheManualTokenIsTheLastResort() {
		this.cli.mode("fail");
		FlyTokens tokens = tokens();
		tokens.setManual("my-app", "manual-token");
		assertThat(this.store.get("my-app", TokenKind.MANUAL)).hasValueSatisfying((stored) -> {
			assertThat(stored.token().reveal()).isEqualTo("manual-token");
			assertThat(stored.expiresAt()).isNull();
		});
		FlyToken token = tokens.get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.MANUAL);
		assertThat(token.expiresAt()).isNull();
		assertThat(stops()).extracting(FlyTokensTests::pair).containsExactly("MANUAL/APP_SERVER");
	}

	@Test
	void aFullMissIsAnUnauthorizedErrorWithSourceNone(CapturedOutput output) {
		this.cli.mode("fail");
		FlyTokens tokens = tokens();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get("my-app")).satisfies((ex) -> {
			assertThat(ex.kind()).isEqualTo(ErrorKind.UNAUTHORIZED);
			assertThat(ex.getMessage()).contains("no Fly token available for app my-app");
		});
		assertThat(stops()).extracting(FlyTokensTests::pair).containsExactly("NONE/APP_SERVER");
		assertThat(output).contains("failed with exit code 1: Error: slug argument must be specified");
		assertThat(tokens.statistics().apps().get("my-app").lastFailure().kind()).isEqualTo("NONE");
	}

	@Test
	void aFailedCliIsNotRetriedWithinItsBackoff() {
		this.cli.mode("fail");
		FlyTokens tokens = tokens();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get("my-app"));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get("my-app"));
		assertThat(this.cli.invocations()).hasSize(1);
		this.cli.mode("token");
		this.time.advanceTimeBy(Duration.ofSeconds(31));
		assertThat(tokens.get("my-app").source()).isEqualTo(TokenSource.CLI);
		assertThat(this.cli.invocations()).hasSize(2);
	}

	@Test
	void aCliThatHangsIsKilledWithItsChildren() {
		this.cli.mode("child");
		FlyTokens tokens = tokens(FlyTokenSettings.defaults(), null, this.cli.executable(), Duration.ofMillis(500));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get("my-app"));
		long child = this.cli.childPid().orElseThrow();
		await().untilAsserted(() -> assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(
				java.util.Optional.of(true)));
	}

	@Test
	void aMissingCliIsAMissNotACrash() {
		FlyTokens tokens = tokens(FlyTokenSettings.defaults(), null, this.temp.resolve("no-such-fly").toString(),
				Duration.ofSeconds(1));
		tokens.setManual("my-app", "manual-token");
		assertThat(tokens.get("my-app").source()).isEqualTo(TokenSource.MANUAL);
	}

	@Test
	void aCliThatExitsLeavingAChildHoldingItsOutputStillGivesItsTokenAndTheChildEnds() {
		this.cli.mode("orphan");
		FlyToken token = tokens().get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.CLI);
		assertThat(token.token().reveal()).isEqualTo(this.cli.printedToken());
		long child = this.cli.childPid().orElseThrow();
		await().untilAsserted(() -> assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive)).isNotEqualTo(
				Optional.of(true)));
	}

	@Test
	void onlyStandardOutputBecomesTheToken() {
		this.cli.mode("noisy");
		assertThat(tokens().get("my-app").token().reveal()).isEqualTo(this.cli.printedToken());
	}

	@Test
	void invalidateDropsTheCachedAndTheStoredToken() {
		FlyTokens tokens = tokens();
		tokens.get("my-app");
		await().until(() -> this.store.get("my-app", TokenKind.CACHED).isPresent());
		tokens.invalidate("my-app");
		assertThat(this.store.get("my-app", TokenKind.CACHED)).isEmpty();
		assertThat(tokens.get("my-app").source()).isEqualTo(TokenSource.CLI);
		assertThat(this.cli.invocations()).hasSize(2);
		tokens.invalidate("never-resolved");
	}

	@Test
	void aRejectedTokenIsNeverServedAgainWhenTheStoreCannotDeleteIt() {
		InMemoryTokenStore disk = new InMemoryTokenStore();
		String rejected = "fm2_" + "r".repeat(40);
		disk.put("my-app", TokenKind.CACHED, new StoredToken(Secret.of(rejected), START.plus(Duration.ofHours(20))));
		this.store = new TokenStore() {

			@Override
			public Optional<StoredToken> get(String app, TokenKind kind) {
				return disk.get(app, kind);
			}

			@Override
			public void put(String app, TokenKind kind, StoredToken token) {
				throw new UncheckedIOException(new IOException("No space left on device"));
			}

			@Override
			public void delete(String app, TokenKind kind) {
				throw new UncheckedIOException(new IOException("No space left on device"));
			}

		};
		FlyTokens tokens = tokens();
		assertThat(tokens.get("my-app").token().reveal()).isEqualTo(rejected);
		tokens.invalidate("my-app");
		FlyToken next = tokens.get("my-app");
		assertThat(next.token().reveal()).isNotEqualTo(rejected).isEqualTo(this.cli.printedToken());
		assertThat(next.source()).isEqualTo(TokenSource.CLI);
		assertThat(tokens.refresh("my-app").token().reveal()).isNotEqualTo(rejected);
	}

	@Test
	void refreshReplacesTheTokenEverywhere() {
		FlyTokens tokens = tokens();
		FlyToken old = tokens.get("my-app");
		await().until(() -> this.store.get("my-app", TokenKind.CACHED).isPresent());
		this.cli.token("fm2_" + "c".repeat(40));
		FlyToken refreshed = tokens.refresh("my-app");
		assertThat(refreshed.token()).isNotEqualTo(old.token());
		assertThat(refreshed.source()).isEqualTo(TokenSource.CLI);
		assertThat(tokens.get("my-app").token()).isEqualTo(refreshed.token());
		await().untilAsserted(() -> assertThat(this.store.get("my-app", TokenKind.CACHED).orElseThrow().token())
			.isEqualTo(refreshed.token()));
		assertThat(stops()).extracting(FlyTokensTests::pair)
			.containsExactly("CLI/APP_SERVER", "CLI/APP_SERVER", "CACHE/FACADE");
	}

	@Test
	void aManualTokenThatCannotBePersistedIsReported() {
		this.store = new FailingStore();
		FlyTokens tokens = tokens();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.setManual("my-app", "manual-token"))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("could not be persisted").doesNotContain("manual-token"));
	}

	@Test
	void anAcquiredTokenThatCannotBePersistedIsStillReturned(CapturedOutput output) {
		this.store = new FailingStore();
		FlyToken token = tokens().get("my-app");
		assertThat(token.source()).isEqualTo(TokenSource.CLI);
		await().untilAsserted(() -> assertThat(output).contains("Could not persist the Fly token for app my-app"));
		assertThat(output).doesNotContain(token.token().reveal());
	}

	@Test
	void aStoreThatKeepsFailingIsOneErrorWithItsCauseNotOnePerToken(CapturedOutput output) {
		this.store = new FailingStore();
		FlyTokens tokens = tokens();
		for (String app : List.of("app-a", "app-b", "app-c")) {
			tokens.get(app);
		}
		await().untilAsserted(() -> assertThat(output).contains("Could not persist the Fly token for app app-a (disk full)"));
		assertThat(output.getOut().lines().filter((line) -> line.contains("ERROR"))).singleElement()
			.satisfies((line) -> assertThat(line).contains("logged at DEBUG until it works again"));
	}

	@Test
	void aThousandConcurrentFirstCallersShareOneCliCall() {
		this.cli.sleepSeconds("0.3");
		FlyTokens tokens = tokens();
		List<FlyToken> results = Flux.range(0, 1000)
			.flatMap((i) -> tokens.reactive().get("herd-app"), 1000)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(results).hasSize(1000).extracting(FlyToken::token).containsOnly(results.get(0).token());
		assertThat(this.cli.invocations()).hasSize(1);
		Map<String, Long> pairs = stops().stream().collect(Collectors.groupingBy(FlyTokensTests::pair, Collectors.counting()));
		assertThat(pairs.get("CLI/APP_SERVER")).isEqualTo(1);
		assertThat(pairs.get("CACHE/APP_SERVER")).isPositive();
		assertThat(pairs.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(1000);
		assertThat(pairs.keySet()).allSatisfy((pair) -> assertThat(pair).isIn("CLI/APP_SERVER", "CACHE/APP_SERVER",
				"CACHE/FACADE"));
	}

	@Test
	void concurrentCallersJoiningAManualResolutionSeeTheManualSourceNotTheCache() {
		this.cli.mode("fail");
		this.cli.sleepSeconds("0.3");
		FlyTokens tokens = tokens();
		tokens.setManual("manual-app", "manual-token");
		List<FlyToken> results = Flux.range(0, 50)
			.flatMap((i) -> tokens.reactive().get("manual-app"), 50)
			.collectList()
			.block(Duration.ofSeconds(30));
		assertThat(results).hasSize(50).allSatisfy((token) -> {
			assertThat(token.source()).isEqualTo(TokenSource.MANUAL);
			assertThat(token.token().reveal()).isEqualTo("manual-token");
		});
		assertThat(this.cli.invocations()).hasSize(1);
		assertThat(stops()).extracting(FlyTokensTests::pair).containsOnly("MANUAL/APP_SERVER");
	}

	@Test
	void differentAppsResolveInParallel() {
		this.cli.sleepSeconds("1");
		FlyTokens tokens = tokens();
		List<FlyToken> results = Flux.range(0, 100)
			.flatMap((app) -> Flux.range(0, 50).flatMap((caller) -> tokens.reactive().get("app-" + app), 50), 5000)
			.collectList()
			.block(Duration.ofSeconds(60));
		assertThat(results).hasSize(5000);
		List<String> invocations = this.cli.invocations();
		assertThat(invocations).hasSize(100);
		assertThat(maxOverlap(invocations)).isGreaterThanOrEqualTo(20);
	}

	@Test
	void tokensAreRefreshedInTheBackgroundBeforeTheyExpire() {
		FlyTokens tokens = tokens(new FlyTokenSettings(Duration.ofMinutes(10), Duration.ofMinutes(2),
				Duration.ofSeconds(30), 100, Duration.ofSeconds(30)), null, this.cli.executable(), Duration.ofSeconds(10));
		FlyToken original = tokens.get("my-app");
		this.cli.token("fm2_" + "d".repeat(40));
		int eventsBefore = this.events.all().size();
		this.time.advanceTimeBy(Duration.ofMinutes(7));
		assertThat(this.cli.invocations()).hasSize(1);
		this.time.advanceTimeBy(Duration.ofMinutes(1).plusSeconds(1));
		await().untilAsserted(() -> assertThat(this.cli.invocations()).hasSize(2));
		await().untilAsserted(() -> assertThat(tokens.cachedTokens().get("my-app").expiresAt())
			.isAfter(original.expiresAt()));
		assertThat(this.events.all()).hasSize(eventsBefore);
		FlyToken current = tokens.get("my-app");
		assertThat(current.source()).isEqualTo(TokenSource.CACHE);
		assertThat(current.token()).isNotEqualTo(original.token());
	}

	@Test
	void aCoalescedCallerDoesNotCancelTheBackgroundRefresh() {
		this.cli.sleepSeconds("0.3");
		FlyTokens tokens = tokens(new FlyTokenSettings(Duration.ofMinutes(10), Duration.ofMinutes(2),
				Duration.ofSeconds(30), 100, Duration.ofSeconds(30)), null, this.cli.executable(), Duration.ofSeconds(10));
		Flux.range(0, 20).flatMap((i) -> tokens.reactive().get("my-app"), 20).blockLast(Duration.ofSeconds(10));
		assertThat(stops()).extracting(FlyTokensTests::pair).contains("CACHE/APP_SERVER");
		this.cli.sleepSeconds("0");
		this.time.advanceTimeBy(Duration.ofMinutes(8).plusSeconds(1));
		await().untilAsserted(() -> assertThat(this.cli.invocations()).hasSize(2));
	}

	@Test
	void aCallerThatWaitsTooLongGetsATimeoutAndAnExceptionEvent() {
		this.cli.sleepSeconds("2");
		FlyTokens tokens = tokens(new FlyTokenSettings(Duration.ofHours(1), Duration.ZERO, Duration.ofSeconds(30), 100,
				Duration.ofMillis(300)), null, this.cli.executable(), Duration.ofSeconds(10));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get("slow-app"))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.TIMEOUT));
		assertThat(this.events.ofType(FlyTokenAcquireExceptionEvent.class)).singleElement().satisfies((event) -> {
			assertThat(event.app()).isEqualTo("slow-app");
			assertThat(event.kind()).isEqualTo("TIMEOUT");
		});
		// The resolution carries on and fills the cache for the next caller, but the timed-out call has ended:
		// no second end (a stop) for it, and the statistics count it once, as a failure.
		await().atMost(Duration.ofSeconds(10)).until(() -> tokens.cachedTokens().containsKey("slow-app"));
		assertThat(this.events.ofType(FlyTokenAcquireStartEvent.class)).hasSize(1);
		assertThat(stops()).isEmpty();
		FlyTokenStatistics.AppStatistics app = tokens.statistics().apps().get("slow-app");
		assertThat(app.acquisitions()).isZero();
		assertThat(app.lastFailure().kind()).isEqualTo("TIMEOUT");
		assertThat(tokens.get("slow-app").source()).isEqualTo(TokenSource.CACHE);
		assertThat(stops()).extracting(FlyTokensTests::pair).containsExactly("CACHE/FACADE");
	}

	@Test
	void aReactiveCallerThatCancelsEndsItsSpanOnceAsCancelled() {
		this.cli.sleepSeconds("1");
		FlyTokens tokens = tokens();
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> tokens.reactive().get("slow-app").block(Duration.ofMillis(200)));
		await().atMost(Duration.ofSeconds(10)).until(() -> tokens.cachedTokens().containsKey("slow-app"));
		assertThat(this.events.ofType(FlyTokenAcquireStartEvent.class)).hasSize(1);
		assertThat(this.events.ofType(FlyTokenAcquireExceptionEvent.class)).singleElement()
			.satisfies((event) -> assertThat(event.kind()).isEqualTo("CANCELLED"));
		assertThat(stops()).isEmpty();
	}

	@Test
	void invalidAppNamesAreRejectedBeforeAnything() {
		FlyTokens tokens = tokens();
		for (String app : List.of("../etc/passwd", "--org=evil", "My App", "x\ny")) {
			assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.get(app))
				.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
		}
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.refresh("My App"));
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> tokens.reactive().get("My App").block());
		// Every call is a span, as in the reference: start, then exception VALIDATION, under one bounded app bucket
		// (never the caller's text), and the statistics count the failures.
		assertThat(this.events.all()).hasSize(12);
		assertThat(this.events.ofType(FlyTokenAcquireStartEvent.class)).hasSize(6)
			.allSatisfy((event) -> assertThat(event.app()).isEqualTo("(invalid app name)"));
		assertThat(this.events.ofType(FlyTokenAcquireExceptionEvent.class)).hasSize(6).allSatisfy((event) -> {
			assertThat(event.app()).isEqualTo("(invalid app name)");
			assertThat(event.kind()).isEqualTo("VALIDATION");
		});
		assertThat(tokens.statistics().apps()).containsOnlyKeys("(invalid app name)");
		assertThat(tokens.statistics().apps().get("(invalid app name)").lastFailure().kind()).isEqualTo("VALIDATION");
		assertThat(this.cli.invocations()).isEmpty();
	}

	@Test
	void statisticsCountSourcesAcquirersAndTheFastPath() {
		FlyTokens tokens = tokens();
		tokens.get("my-app");
		tokens.get("my-app");
		tokens.get("my-app");
		FlyTokenStatistics.AppStatistics app = tokens.statistics().apps().get("my-app");
		assertThat(app.acquisitions()).isEqualTo(3);
		assertThat(app.counts().get(TokenSource.CLI).get(TokenAcquirer.APP_SERVER)).isEqualTo(1);
		assertThat(app.counts().get(TokenSource.CACHE).get(TokenAcquirer.FACADE)).isEqualTo(2);
		assertThat(app.fastPathHitRatio()).isEqualTo(2.0 / 3);
		assertThat(app.lastAcquiredAt()).isEqualTo(START);
		assertThat(tokens.statistics().total().acquisitions()).isEqualTo(3);
		assertThat(tokens.cacheStatistics().hitCount()).isEqualTo(2);
		assertThat(tokens.cachedTokens().get("my-app").source()).isEqualTo(TokenSource.CLI);
	}

	@Test
	void theTokenAppearsInNoEventLogOrToString(CapturedOutput output) {
		this.cli.mode("noisy");
		FlyTokens tokens = tokens();
		FlyToken token = tokens.get("my-app");
		tokens.refresh("my-app");
		String secret = token.token().reveal();
		assertThat(this.events.all()).extracting(ExAtlasEvent::toString)
			.allSatisfy((text) -> assertThat(text).doesNotContain(secret));
		assertThat(token.toString()).doesNotContain(secret);
		assertThat(tokens.toString()).doesNotContain(secret);
		assertThat(output).doesNotContain(secret);
	}

	private static int maxOverlap(List<String> invocations) {
		List<long[]> intervals = invocations.stream().map((line) -> {
			String[] parts = line.split(" ");
			return new long[] { Long.parseLong(parts[0]), Long.parseLong(parts[1]) };
		}).toList();
		int max = 0;
		for (long[] interval : intervals) {
			int overlapping = 0;
			for (long[] other : intervals) {
				if (other[0] <= interval[0] && other[1] >= interval[0]) {
					overlapping++;
				}
			}
			max = Math.max(max, overlapping);
		}
		return max;
	}

	/** A store whose writes always fail. */
	private static final class FailingStore extends InMemoryTokenStore {

		@Override
		public void put(String app, TokenKind kind, StoredToken token) {
			throw new IllegalStateException("disk full");
		}

	}

}
