package io.exatlas.orchestrator.autoconfigure;

import java.time.Duration;

import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.RetryPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The worst case of one call and the start-up note about a shutdown budget that cannot cover it.
 */
class ShutdownBudgetNoteTests {

	private static HttpProviderSettings defaults() {
		return HttpProviderSettings.defaults("https://cloud.example");
	}

	@Test
	void theDefaultsWorstCaseIsFourAttemptsOfConnectAndReadWithBackoff() {
		HttpProviderSettings http = defaults();
		assertThat(http.worstCaseCall()).isEqualTo(http.connectTimeout()
			.plus(http.readTimeout())
			.multipliedBy(http.retry().maxRetries() + 1)
			.plus(Duration.ofMillis(500 + 1000 + 2000)));
	}

	@ParameterizedTest
	@CsvSource({ "PT10S, PT30S, 3, PT1M, PT1M", "PT10S, PT30S, 0, PT5M, PT40S",
			"PT87600H, PT87600H, 1000000, PT5M, PT5M", "PT1S, PT1S, 2, PT5M, PT7.5S" })
	void theWorstCaseIsCappedByTheCallDeadlineAndNeverOverflows(Duration connect, Duration read, int retries,
			Duration callTimeout, Duration expected) {
		HttpProviderSettings http = defaults().withRetry(RetryPolicy.defaults().withMaxRetries(retries))
			.withCallTimeout(callTimeout);
		http = new HttpProviderSettings(http.baseUrl(), connect, read, http.maxInMemorySize(), http.retry(),
				http.callTimeout());
		assertThat(http.worstCaseCall()).isEqualTo(expected);
	}

	@Test
	void aBudgetShorterThanTheWorstCaseIsNotedWithThePropertiesToChange() {
		assertThat(ShutdownBudget.note(Duration.ofSeconds(30), defaults())).isEqualTo("The shutdown budget 30s "
				+ "(exatlas.orchestrator.shutdown-timeout) is shorter than one terminate against a cloud that does not "
				+ "answer (2m43.5s with exatlas.http.*); sessions not confirmed terminated in time are handed to "
				+ "another instance or left to the reaper");
		assertThat(ShutdownBudget.note(Duration.ofMinutes(3), defaults())).isNull();
	}

}
