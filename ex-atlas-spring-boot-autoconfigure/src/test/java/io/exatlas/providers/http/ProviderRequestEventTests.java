package io.exatlas.providers.http;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.exatlas.ErrorKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * A provider request event's outcome and error kind always agree: {@code SUCCESS} exactly when there is no error
 * kind, for every status (or none) and every kind; an event that would contradict itself cannot be built.
 */
class ProviderRequestEventTests {

	@Test
	void outcomeAndErrorKindAgreeForEveryStatusAndKind() {
		List<Integer> statuses = new ArrayList<>();
		statuses.add(null);
		for (int status = 100; status < 600; status++) {
			statuses.add(status);
		}
		List<ErrorKind> kinds = new ArrayList<>(List.of(ErrorKind.values()));
		kinds.add(null);
		int built = 0;
		for (Integer status : statuses) {
			for (ErrorKind kind : kinds) {
				boolean consistent = kind != null || (status != null && status >= 200 && status < 300);
				if (!consistent) {
					assertThatIllegalArgumentException().isThrownBy(() -> event(status, kind));
					continue;
				}
				ProviderRequestEvent event = event(status, kind);
				built++;
				assertThat(event.outcome().equals("SUCCESS")).as("%s %s", status, kind).isEqualTo(kind == null);
				assertThat(event.succeeded()).isEqualTo(kind == null);
				assertThat(event.outcome().equals("CANCELLED")).isEqualTo(kind == ErrorKind.CANCELLED);
				assertThat(event.outcome().equals("NO_RESPONSE"))
					.isEqualTo(status == null && kind != null && kind != ErrorKind.CANCELLED);
			}
		}
		assertThat(built).isGreaterThan(5000);
	}

	private static ProviderRequestEvent event(Integer status, ErrorKind kind) {
		return new ProviderRequestEvent(new Object(), Clock.systemUTC(), "runpod", ProviderApi.MANAGEMENT, "GET",
				"https://rest.runpod.io/v1/pods", status, Duration.ofMillis(5), 1, kind);
	}

}
