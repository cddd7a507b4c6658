package io.exatlas.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;

import io.exatlas.fly.deploy.FlyDeployer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The deploys page in a real headless Chromium, on a fake {@code fly} CLI: one tab starts a deploy and follows it; a
 * second tab finds it running, joins it by its ticket and gets the lines printed before it joined; both see the rest
 * and the end.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DeployBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	private static final List<String> BEFORE_THE_GATE = List.of("==> Building image", "==> Pushing image",
			"waiting for the gate");

	private static final List<String> AFTER_THE_GATE = List.of("==> Released", "Visit your newly deployed app");

	private static Path project;

	@LocalServerPort
	private int port;

	@Autowired
	private FlyDeployer deployer;

	@DynamicPropertySource
	static void fakeFlyCli(DynamicPropertyRegistry registry) throws IOException {
		project = Files.createTempDirectory("exatlas-deploy-");
		Files.writeString(project.resolve("fly.toml"), "app = \"sample-deploy\"\n");
		Path cli = project.resolve("fly");
		Files.writeString(cli, "#!/bin/bash\n" + echo(BEFORE_THE_GATE) + "while [ ! -f '" + gate()
				+ "' ]; do sleep 0.05; done\n" + echo(AFTER_THE_GATE));
		Files.setPosixFilePermissions(cli, PosixFilePermissions.fromString("rwx------"));
		registry.add("exatlas.fly.cli", cli::toString);
		registry.add("exatlas.fly.deploy.activity-timeout", () -> "60s");
		registry.add("sample.deploy.project-dir", project::toString);
	}

	private static String echo(List<String> lines) {
		StringBuilder script = new StringBuilder();
		lines.forEach((line) -> script.append("echo '").append(line).append("'\n"));
		return script.toString();
	}

	private static Path gate() {
		return project.resolve("gate");
	}

	@AfterAll
	static void releaseAndDelete() throws IOException {
		if (!Files.exists(gate())) {
			Files.createFile(gate());
		}
		try (var files = Files.walk(project)) {
			files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
	}

	@Test
	void aSecondTabFollowsARunningDeployByItsTicketFromItsFirstLine() throws IOException {
		WebDriver driver = chromium.driver();
		WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
		wait.ignoring(StaleElementReferenceException.class)
			.withMessage(() -> "the page shows: " + driver.findElement(By.tagName("body")).getText());
		String first = driver.getWindowHandle();
		driver.get("http://localhost:" + this.port + "/deploys.html");
		wait.until((browser) -> browser.findElement(By.id("start-button"))).click();
		wait.until((browser) -> lines(browser).equals(BEFORE_THE_GATE));
		String ticket = driver.findElement(By.id("following")).getText();
		assertThat(ticket).startsWith("deploy-");
		assertThat(this.deployer.running().tickets()).containsExactly(ticket);

		driver.switchTo().newWindow(WindowType.TAB);
		driver.get("http://localhost:" + this.port + "/deploys.html");
		WebElement follow = wait.until((browser) -> browser
			.findElement(By.cssSelector("#deploys tr[data-ticket='" + ticket + "'] a.follow")));
		assertThat(driver.findElement(By.cssSelector("#deploys tr[data-ticket='" + ticket + "']")).getText())
			.contains("RUNNING");
		follow.click();
		wait.until((browser) -> lines(browser).equals(BEFORE_THE_GATE));
		assertThat(driver.getCurrentUrl()).endsWith("/deploys.html?ticket=" + ticket);

		Files.createFile(gate());
		List<String> all = new java.util.ArrayList<>(BEFORE_THE_GATE);
		all.addAll(AFTER_THE_GATE);
		wait.until((browser) -> "SUCCEEDED".equals(outcome(browser)));
		assertThat(lines(driver)).isEqualTo(all);
		wait.until((browser) -> browser.findElement(By.cssSelector("#deploys tr[data-ticket='" + ticket + "']"))
			.getText()
			.contains("SUCCEEDED"));
		assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.__errors")).asList()
			.isEmpty();
		driver.close();

		driver.switchTo().window(first);
		wait.until((browser) -> "SUCCEEDED".equals(outcome(browser)));
		assertThat(lines(driver)).isEqualTo(all);
		assertThat(this.deployer.running().tickets()).isEmpty();
	}

	private static List<String> lines(WebDriver browser) {
		return browser.findElements(By.cssSelector("#lines .line")).stream().map(WebElement::getText).toList();
	}

	private static String outcome(WebDriver browser) {
		return browser.findElement(By.id("outcome")).getDomAttribute("data-state");
	}

}
