package io.exatlas.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.orchestrator.SessionOptions;
import io.exatlas.orchestrator.TrackedSession;
import io.exatlas.spend.SessionSpend;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.web.servlet.client.RestTestClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's overview in a real headless Chromium after a scripted workload: its tiles and value tables say what
 * the orchestrator says (sessions by status, burn rate, operations and errors by provider), the charts are drawn,
 * the event log replays what happened before the page opened, no script error occurs, and a screenshot of the
 * overview is written to {@code target/console-overview.png} for CI to keep.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConsoleBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@LocalServerPort
	private int port;

	@Autowired
	private ComputeOrchestrator orchestrator;

	@Test
	void theOverviewShowsWhatTheOrchestratorSaysAfterAWorkload() throws Exception {
		ComputeRequest h100 = ComputeRequest.builder().gpu("h100").image("vllm/vllm-openai:latest").build();
		TrackedSession kept = this.orchestrator.spawn(h100, SessionOptions.forUser("console-alice"));
		TrackedSession paused = this.orchestrator.spawn(h100, SessionOptions.forUser("console-alice"));
		TrackedSession ended = this.orchestrator.spawn(h100, SessionOptions.forUser("console-bob"));

		WebDriver driver = chromium.driver();
		driver.get("http://localhost:" + this.port + "/console.html");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		wait.until((browser) -> samples(browser) >= 1);

		this.orchestrator.pause(paused.id());
		this.orchestrator.stopTracked(ended.id());
		RestTestClient api = RestTestClient.bindToServer().baseUrl("http://localhost:" + this.port).build();
		api.post().uri("/api/computes").body(Map.of("gpu", "no-such-gpu", "image", "x:1")).exchange().expectStatus()
			.isBadRequest();
		int after = samples(driver);
		wait.until((browser) -> samples(browser) >= after + 2);

		Map<String, Long> expected = this.orchestrator.list().stream()
			.collect(Collectors.groupingBy((session) -> session.compute().status().name(), Collectors.counting()));
		assertThat(expected).containsEntry(ComputeStatus.RUNNING.name(), 1L).containsEntry("STOPPED", 1L);
		assertThat(table(driver, "values-status")).containsExactlyInAnyOrderElementsOf(expected.entrySet()
			.stream()
			.map((entry) -> List.of(entry.getKey(), String.valueOf(entry.getValue())))
			.toList());
		assertThat(text(driver, "tile-sessions")).isEqualTo(String.valueOf(this.orchestrator.list().size()));
		BigDecimal burning = this.orchestrator.list()
			.stream()
			.map(TrackedSession::spend)
			.filter((spend) -> spend != null && spend.billing())
			.map(SessionSpend::pricePerHour)
			.reduce(BigDecimal.ZERO, BigDecimal::add);
		assertThat(burning).isEqualByComparingTo("2.19");
		assertThat(text(driver, "tile-burn")).isEqualTo("$" + burning.setScale(2, RoundingMode.HALF_EVEN) + "/h");
		assertThat(table(driver, "values-users")).as("cost per user: alice has the running and the paused session")
			.anySatisfy((row) -> assertThat(row.subList(0, 3)).containsExactly("console-alice", "2", "2.19"))
			.noneSatisfy((row) -> assertThat(row.get(0)).isEqualTo("console-bob"));
		List<String> mock = table(driver, "values-providers").stream()
			.filter((row) -> row.get(0).equals("mock"))
			.findFirst()
			.orElseThrow();
		assertThat(Long.parseLong(mock.get(1))).as("operations").isGreaterThanOrEqualTo(5);
		assertThat(Long.parseLong(mock.get(2))).as("errors: the refused GPU").isGreaterThanOrEqualTo(1);
		assertThat(mock.get(4)).as("p95").matches("\\d+\\.\\d");
		assertThat(driver.findElements(By.cssSelector("#chart-status canvas, #chart-burn canvas, #chart-ops canvas")))
			.hasSize(3);
		String log = text(driver, "log");
		assertThat(log).contains(kept.id() + " STATUS RUNNING", paused.id() + " PAUSED STOPPED",
				ended.id() + " TERMINATING STOPPED", ended.id() + " STATUS TERMINATED");
		assertThat(((JavascriptExecutor) driver).executeScript("return window.__errors")).asList().isEmpty();
		assertThat(driver.findElement(By.id("log")).getDomAttribute("tabindex")).as("the log is reachable by keyboard")
			.isEqualTo("0");

		Path screenshot = Path.of("target", "console-overview.png");
		Files.createDirectories(screenshot.getParent());
		Files.copy(((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath(), screenshot,
				StandardCopyOption.REPLACE_EXISTING);
		assertThat(Files.size(screenshot)).isGreaterThan(20_000);

		this.orchestrator.stopTracked(kept.id());
		this.orchestrator.stopTracked(paused.id());
	}

	@Test
	void aSpawnShowsItsPhasesAsTheyHappenFromPlacementToReady() {
		WebDriver driver = chromium.driver();
		driver.get("http://localhost:" + this.port + "/console.html");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		WebElement user = wait.until((browser) -> browser.findElement(By.name("userId")));
		user.clear();
		user.sendKeys("live-progress-user");
		driver.findElement(By.id("spawn-button")).click();
		wait.until((browser) -> !browser.findElements(By.cssSelector("#progress li[data-name='session']")).isEmpty());

		List<String> lines = driver.findElements(By.cssSelector("#progress li"))
			.stream()
			.map(WebElement::getText)
			.toList();
		List<String> phases = driver.findElements(By.cssSelector("#progress li"))
			.stream()
			.map((line) -> line.getDomAttribute("data-name") + " " + line.getDomAttribute("data-phase"))
			.toList();
		assertThat(phases).as(String.join("\n", lines))
			.containsSubsequence("exatlas.compute.spawn started", "exatlas.compute.placement started",
					"exatlas.compute.placement.attempt started", "exatlas.compute.operation started",
					"exatlas.compute.operation ended", "exatlas.compute.placement.attempt ended",
					"exatlas.compute.placement ended", "exatlas.compute.readiness started",
					"exatlas.compute.readiness.step ended", "exatlas.compute.readiness ended",
					"exatlas.compute.spawn ended", "session ready");
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("readiness step ended").contains("step=port"));
		assertThat(lines).anySatisfy((line) -> assertThat(line).startsWith("session spawn ended").contains("outcome=ready"));
		String id = lines.get(lines.size() - 1).replaceAll(".*detail=([^ )]+).*", "$1");
		assertThat(this.orchestrator.get(id)).hasValueSatisfying((session) -> {
			assertThat(session.userId()).isEqualTo("live-progress-user");
			assertThat(session.phase()).isEqualTo(io.exatlas.orchestrator.SessionPhase.READY);
			assertThat(session.spend().pricePerHour()).as("placed on the cheapest on-demand H100 offer")
				.isEqualByComparingTo("2.19");
		});
		assertThat(((JavascriptExecutor) driver).executeScript("return window.__errors")).asList().isEmpty();
		this.orchestrator.stopTracked(id);
	}

	@Test
	@SuppressWarnings("unchecked")
	void offersAJobsOutputAndALogTailShowWhatTheApiSays() {
		WebDriver driver = chromium.driver();
		driver.get("http://localhost:" + this.port + "/console.html");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		wait.until((browser) -> browser.findElement(By.id("offers-button"))).click();
		wait.until((browser) -> !table(browser, "offers").isEmpty());
		Map<String, List<Map<String, Object>>> offers = RestTestClient.bindToServer()
			.baseUrl("http://localhost:" + this.port)
			.build()
			.get()
			.uri("/api/offers?gpu=h100&gpuCount=1&spot=EITHER")
			.exchange()
			.expectStatus()
			.isOk()
			.expectBody(Map.class)
			.returnResult()
			.getResponseBody();
		List<List<String>> shown = table(driver, "offers");
		assertThat(shown).hasSize(offers.get("candidates").size() + offers.get("rejected").size());
		Map<String, Object> cheapest = offers.get("candidates").get(0);
		assertThat(shown.get(0).get(0)).isEqualTo(cheapest.get("provider"));
		assertThat(shown.get(0).get(4))
			.isEqualTo(new BigDecimal(cheapest.get("pricePerHour").toString()).setScale(2, RoundingMode.HALF_EVEN)
				.toPlainString());

		driver.findElement(By.id("job-button")).click();
		wait.until((browser) -> text(browser, "job-output").contains("end of output"));
		assertThat(driver.findElements(By.cssSelector("#job-output li"))).as("the mock's 3 chunks, then the end")
			.hasSize(4);

		driver.findElement(By.id("tail-button")).click();
		wait.until((browser) -> text(browser, "tail-lines").contains("tail stopped"));
		assertThat(driver.findElements(By.cssSelector("#tail-lines li.error"))).as("no Fly token here: the error shows")
			.isNotEmpty();
		assertThat(((JavascriptExecutor) driver).executeScript("return window.__errors")).asList().isEmpty();
	}

	@Test
	void theComputePageSpawnsAResourceWithItsTokenShownOnceAndTerminatesIt() {
		WebDriver driver = chromium.driver();
		driver.get("http://localhost:" + this.port + "/");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
		wait.ignoring(StaleElementReferenceException.class);   // the table is rendered again after every change
		wait.until((browser) -> text(browser, "providers").contains("mock"));
		driver.findElement(By.name("bearer")).click();
		driver.findElement(By.cssSelector("#spawn button[type='submit']")).click();
		wait.until((browser) -> text(browser, "message").startsWith("Spawned "));
		String message = text(driver, "message");
		String id = message.replaceAll("^Spawned (\\S+).*", "$1");
		assertThat(message).matches("Spawned \\S+ — bearer token \\(shown once\\): [A-Za-z0-9_-]{43}");
		By row = By.cssSelector("#computes tr[data-id='" + id + "']");
		wait.until((browser) -> browser.findElement(row).getText().contains("RUNNING"));
		assertThat(driver.findElement(row).getText()).contains("h100", "https://" + id + "-8000.mock.local");
		assertThat(driver.getPageSource()).as("the token is shown once, in the message, never in the table")
			.containsOnlyOnce(message.substring(message.length() - 43));
		wait.until((browser) -> {
			browser.findElement(row).findElement(By.tagName("button")).click();
			return true;
		});
		wait.until((browser) -> browser.findElement(By.cssSelector("#computes tr[data-id='" + id + "']"))
			.getText()
			.contains("TERMINATED"));
		assertThat(((JavascriptExecutor) driver).executeScript("return window.__errors")).asList().isEmpty();
	}

	private static int samples(WebDriver browser) {
		String samples = browser.findElement(By.tagName("body")).getDomAttribute("data-samples");
		return (samples != null) ? Integer.parseInt(samples) : 0;
	}

	private static String text(WebDriver driver, String id) {
		return driver.findElement(By.id(id)).getText();
	}

	/**
	 * A table's cells in one script call: the page renders its tables again every two seconds, so reading row by row
	 * through WebDriver could meet a row that was just replaced.
	 */
	@SuppressWarnings("unchecked")
	private static List<List<String>> table(WebDriver driver, String body) {
		return (List<List<String>>) ((JavascriptExecutor) driver).executeScript(
				"return Array.from(document.querySelectorAll('#' + arguments[0] + ' tr'))"
						+ ".map((row) => Array.from(row.querySelectorAll('td')).map((cell) => cell.textContent));",
				body);
	}

}
