package io.exatlas.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

import static org.assertj.core.api.Assertions.fail;

/**
 * A real headless Chromium for the browser tests, with a profile of its own that is deleted afterwards. Register it
 * with {@code @RegisterExtension static final Chromium chromium = new Chromium();}. Needs Debian's {@code chromium}
 * and {@code chromium-driver}; {@code .ci/run} installs them and sets {@code EXATLAS_REQUIRE_BROWSER=true} so that CI
 * never skips a browser test.
 */
final class Chromium implements BeforeAllCallback, AfterAllCallback {

	private static final Path BINARY = Path.of("/usr/bin/chromium");

	private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

	private WebDriver driver;

	private Path profile;

	@Override
	public void beforeAll(ExtensionContext context) throws IOException {
		boolean installed = Files.isExecutable(BINARY) && Files.isExecutable(DRIVER);
		if (!installed && "true".equals(System.getenv("EXATLAS_REQUIRE_BROWSER"))) {
			fail("Chromium and ChromeDriver are required (apt-get install chromium chromium-driver)");
		}
		Assumptions.assumeTrue(installed, "Chromium is not installed: apt-get install chromium chromium-driver");
		this.profile = Files.createTempDirectory("exatlas-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(BINARY.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
				"--disable-sync", "--window-size=1400,1100", "--user-data-dir=" + this.profile);
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(service, options);
	}

	@Override
	public void afterAll(ExtensionContext context) throws IOException {
		if (this.driver != null) {
			this.driver.quit();
		}
		if (this.profile != null) {
			try (Stream<Path> files = Files.walk(this.profile)) {
				files.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
		}
	}

	WebDriver driver() {
		return this.driver;
	}

}
