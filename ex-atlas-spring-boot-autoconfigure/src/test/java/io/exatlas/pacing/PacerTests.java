package io.exatlas.pacing;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.support.SchedulerClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.test.scheduler.VirtualTimeScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Client-side pacing: the clouds' published limits hold (Lambda's five launches a minute, Fly's per-machine
 * actions, Vast's per-endpoint intervals), a wait beyond the bound fails typed and sends nothing, and RunPod's own
 * headroom report holds its requests until the window it names resets.
 */
class PacerTests {

	private final VirtualTimeScheduler time = VirtualTimeScheduler.create();

	private final SchedulerClock clock = new SchedulerClock(this.time, Instant.parse("2026-12-02T12:00:00Z"));

	private final Pacer pacer = new Pacer(PacingSettings.DEFAULTS, this.clock, this.time);

	@AfterEach
	void dispose() {
		this.time.dispose();
	}

	private CompletableFuture<Void> acquire(String provider, String method, String template, String path) {
		return this.pacer.acquire(provider, method, template, path).toFuture();
	}

	@Test
	void lambdaLaunchesOnceEveryTwelveSecondsAndOtherRequestsOnceASecond() {
		List<CompletableFuture<Void>> launches = IntStream.range(0, 3)
			.mapToObj((i) -> acquire("lambda-labs", "POST", "/instance-operations/launch", "/api/v1/launch"))
			.toList();
		assertThat(launches.get(0)).isDone();
		assertThat(launches.get(1)).isNotDone();
		this.time.advanceTimeBy(Duration.ofSeconds(12));
		assertThat(launches.get(1)).isDone();
		assertThat(launches.get(2)).isNotDone();
		this.time.advanceTimeBy(Duration.ofSeconds(12));
		assertThat(launches.get(2)).isDone();
	}

	@Test
	void aWaitLongerThanTheBoundFailsAtOnceAndReservesNothing() {
		Pacer strict = new Pacer(new PacingSettings(List.of(new PacingRule("test.slow", "test", "*", "*",
				PacingScope.PROVIDER, 1, Duration.ofMinutes(1))), Duration.ofSeconds(10), Set.of()), this.clock,
				this.time);
		strict.acquire("test", "GET", "/a", "/a").block();
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> strict.acquire("test", "GET", "/a", "/a").block())
			.satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.RATE_LIMITED);
				assertThat(ex.code()).hasValue("client_pacing");
				assertThat(ex.getMessage()).contains("test.slow allows 1 per PT1M", "nothing was sent");
			});
		assertThat(strict.status()).singleElement().satisfies((status) -> assertThat(status.available()).isZero());
	}

	/**
	 * The built-in rules with every period a minute: the scopes are what is tested, and a minute is longer than any
	 * pause of the test thread, so no real time can refill a limiter between two reservations.
	 */
	private Pacer slowed() {
		return new Pacer(new PacingSettings(PacingSettings.DEFAULTS.rules()
			.stream()
			.map((rule) -> new PacingRule(rule.name(), rule.provider(), rule.method(), rule.path(), rule.scope(),
					rule.limit(), Duration.ofMinutes(1)))
			.toList(), Duration.ofMinutes(2), Set.of()), this.clock, this.time);
	}

	@Test
	void theBuiltInRulesAreTheCloudsPublishedLimits() {
		assertThat(PacingSettings.DEFAULTS.rules()).extracting((rule) -> rule.name() + " " + rule.method() + " "
				+ rule.path() + " " + rule.scope() + " " + rule.limit() + "/" + rule.period())
			.containsExactly("lambda-labs.requests * * PROVIDER 1/PT1S",
					"lambda-labs.launch POST /instance-operations/launch PROVIDER 1/PT12S",
					"fly.machine-actions POST /apps/{app}/machines/{id}/* RESOURCE 3/PT3S",
					"fly.create-machine POST /apps/{app}/machines RESOURCE 3/PT3S",
					"fly.delete-machine DELETE /apps/{app}/machines/{id} RESOURCE 3/PT3S",
					"fly.get-machine GET /apps/{app}/machines/{id} RESOURCE 10/PT2S",
					"vast.endpoints * * ENDPOINT 1/PT1S", "runpod.requests * * PROVIDER 60/PT1M");
		assertThat(PacingSettings.DEFAULTS.serverReported()).containsExactly("runpod");
	}

	@Test
	void flyPacesEachMachinesActionsOnTheirOwn() {
		Pacer pacer = slowed();
		List<CompletableFuture<Void>> machineA = IntStream.range(0, 4)
			.mapToObj((i) -> pacer.acquire("fly", "POST", "/apps/{app}/machines/{id}/stop", "/v1/apps/x/machines/a/stop")
				.toFuture())
			.toList();
		CompletableFuture<Void> machineB = pacer
			.acquire("fly", "POST", "/apps/{app}/machines/{id}/stop", "/v1/apps/x/machines/b/stop")
			.toFuture();
		assertThat(machineA.subList(0, 3)).as("a burst of three").allSatisfy((action) -> assertThat(action).isDone());
		assertThat(machineA.get(3)).isNotDone();
		assertThat(machineB).as("another machine is not held back").isDone();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(machineA.get(3)).isDone();
		assertThat(pacer.acquire("fly", "GET", "/apps/{app}/machines", "/v1/apps/x/machines").toFuture())
			.as("no rule: list")
			.isDone();
	}

	@Test
	void vastPacesEachEndpointOnItsOwn() {
		Pacer pacer = slowed();
		assertThat(pacer.acquire("vast", "POST", "/api/v0/bundles/", "/api/v0/bundles/").toFuture()).isDone();
		assertThat(pacer.acquire("vast", "GET", "/api/v1/instances/", "/api/v1/instances/").toFuture()).isDone();
		CompletableFuture<Void> again = pacer.acquire("vast", "POST", "/api/v0/bundles/", "/api/v0/bundles/")
			.toFuture();
		assertThat(again).isNotDone();
		this.time.advanceTimeBy(Duration.ofMinutes(1));
		assertThat(again).isDone();
	}

	@Test
	void runPodsReportOfNoRequestsLeftHoldsItsRequestsUntilTheWindowResets() {
		assertThat(acquire("runpod", "GET", "/pods", "/v2/pods")).isDone();
		this.pacer.observe("runpod", Map.of("RateLimit", "\"minute\";r=0;t=12, \"hour\";r=2800;t=1812",
				"RateLimit-Policy", "\"minute\";q=100;w=60, \"hour\";q=3000;w=3600")::get);
		assertThat(this.pacer.holds()).containsEntry("runpod", this.clock.instant().plusSeconds(12));
		assertThat(this.pacer.status()).singleElement().satisfies((status) -> {
			assertThat(status.rule()).isEqualTo("runpod.requests");
			assertThat(status.limit()).as("the reported minute policy").isEqualTo(100);
		});
		CompletableFuture<Void> held = acquire("runpod", "GET", "/pods", "/v2/pods");
		assertThat(held).isNotDone();
		assertThat(acquire("lambda-labs", "GET", "/instances", "/api/v1/instances")).as("other providers go")
			.isDone();
		this.time.advanceTimeBy(Duration.ofSeconds(12));
		assertThat(held).isDone();
		assertThat(this.pacer.holds()).isEmpty();
		assertThat(acquire("runpod", "GET", "/pods", "/v2/pods")).isDone();
	}

	@Test
	void headersOfProvidersThatReportNothingAreIgnored() {
		this.pacer.observe("lambda-labs", Map.of("RateLimit", "\"minute\";r=0;t=12")::get);
		assertThat(this.pacer.holds()).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "garbage", "\"minute\";r=;t=12", "\"minute\";r=0", "minute;r=0;t=99999999999999999",
			"\"m\";r=-1;t=5", ";;;,,,", "\"minute\";r=0;t=12;x" })
	void malformedHeadersNeverFailARequest(String value) {
		this.pacer.observe("runpod", Map.of("RateLimit", value, "RateLimit-Policy", value)::get);
		assertThat(this.pacer.holds()).isEmpty();
	}

	@Test
	void randomHeaderTextNeverThrowsNorHoldsLongerThanADay() {
		Random random = new Random(42);
		String alphabet = "\"minute;r=t0123456789,q=w ";
		for (int i = 0; i < 2_000; i++) {
			StringBuilder value = new StringBuilder();
			for (int j = random.nextInt(60); j > 0; j--) {
				value.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			this.pacer.observe("runpod", Map.of("RateLimit", value.toString(), "RateLimit-Policy", value.toString())::get);
		}
		assertThat(this.pacer.holds().values())
			.allSatisfy((until) -> assertThat(until).isBeforeOrEqualTo(this.clock.instant().plus(Duration.ofDays(1))));
	}

}
