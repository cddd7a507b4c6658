package io.exatlas.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.providers.mock.MockComputeProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The dashboard page in a real headless Chromium: spawn a session, see its row appear, terminate it, see it go.
 * Needs Debian's {@code chromium} and {@code chromium-driver}; {@code .ci/run} installs them and sets
 * {@code EXATLAS_REQUIRE_BROWSER=true} so that CI never skips this test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

	private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

	private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

	private static WebDriver driver;

	private static Path profile;

	@LocalServerPort
	private int port;

	@Autowired
	private ComputeOrchestrator orchestrator;

	@Autowired
	private MockComputeProvider mock;

	@BeforeAll
	static void startBrowser() throws IOException {
		boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
		if (!installed && "true".equals(System.getenv("EXATLAS_REQUIRE_BROWSER"))) {
			fail("Chromium and ChromeDriver are required (apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(installed, "Chromium is not installed: apt-get install chromium chromium-driver");
		profile = Files.createTempDirectory("exatlas-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--user-data-dir=" + profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		driver = new ChromeDriver(service, options);
	}

	@AfterAll
	static void stopBrowser() throws IOException {
		if (driver != null) {
			driver.quit();
		}
		if (profile != null) {
			try (var files = Files.walk(profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	@Test
	void spawnASessionSeeItsRowTerminateItAndSeeItGo() {
		driver.get("http://localhost:" + this.port + "/dashboard.html");
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class);
		WebElement user = wait.until(ExpectedConditions.elementToBeClickable(By.name("userId")));
		user.clear();
		user.sendKeys("selenium-user");
		driver.findElement(By.id("spawn-button")).click();

		String id = wait.until((browser) -> browser.findElements(By.cssSelector("#sessions tr"))
			.stream()
			.filter((row) -> row.getText().contains("selenium-user"))
			.map((row) -> row.getDomAttribute("data-id"))
			.findFirst()
			.orElse(null));
		assertThat(this.orchestrator.get(id)).isPresent();
		assertThat(driver.findElement(By.cssSelector("#sessions tr[data-id='" + id + "']")).getText())
			.contains("mock", "RUNNING", "h100");

		wait.until((browser) -> {
			browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "'] button.touch")).click();
			return true;
		});
		wait.until((browser) -> {
			browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "'] button.terminate")).click();
			return true;
		});
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until((browser) -> browser.findElements(By.cssSelector("#sessions tr[data-id='" + id + "']")).isEmpty());

		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(this.mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.TERMINATED);
		wait.until((browser) -> browser.findElement(By.id("log")).getText().contains(id + " TERMINATING STOPPED"));
	}

}
