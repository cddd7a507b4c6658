package io.exatlas.sample;

import java.time.Duration;

import io.exatlas.compute.ComputeStatus;
import io.exatlas.compute.ProviderContext;
import io.exatlas.orchestrator.ComputeOrchestrator;
import io.exatlas.providers.mock.MockComputeProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard page in a real headless Chromium: spawn a session, see its row appear, terminate it, see it go.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class DashboardBrowserTests {

	@RegisterExtension
	static final Chromium chromium = new Chromium();

	@LocalServerPort
	private int port;

	@Autowired
	private ComputeOrchestrator orchestrator;

	@Autowired
	private MockComputeProvider mock;

	@Test
	void spawnASessionStopItSeeItStoppedStartItTerminateItAndSeeItGo() {
		WebDriver driver = chromium.driver();
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
			browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "'] button.stop")).click();
			return true;
		});
		wait.until((browser) -> browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "']"))
			.getText()
			.contains("STOPPED"));
		assertThat(this.mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.STOPPED);
		assertThat(this.orchestrator.get(id).orElseThrow().spend().billing()).as("billing stops with the resource")
			.isFalse();
		wait.until((browser) -> {
			browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "'] button.start")).click();
			return true;
		});
		wait.until((browser) -> browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "']"))
			.getText()
			.contains("RUNNING"));
		assertThat(this.mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.RUNNING);
		wait.until((browser) -> {
			browser.findElement(By.cssSelector("#sessions tr[data-id='" + id + "'] button.terminate")).click();
			return true;
		});
		wait.until(ExpectedConditions.alertIsPresent()).accept();
		wait.until((browser) -> browser.findElements(By.cssSelector("#sessions tr[data-id='" + id + "']")).isEmpty());

		assertThat(this.orchestrator.get(id)).isEmpty();
		assertThat(this.mock.get(id, ProviderContext.defaults()).block().status()).isEqualTo(ComputeStatus.TERMINATED);
		wait.until((browser) -> browser.findElement(By.id("log")).getText().contains(id + " TERMINATING STOPPED"));
		assertThat(((org.openqa.selenium.JavascriptExecutor) driver).executeScript("return window.__errors")).asList()
			.isEmpty();
	}

}
