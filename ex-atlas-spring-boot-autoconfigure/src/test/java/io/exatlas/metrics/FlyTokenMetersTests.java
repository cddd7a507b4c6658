package io.exatlas.metrics;

import java.time.Duration;
import java.time.Instant;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.FlyCliTokenIssuer;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.InMemoryTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Token acquisitions are counted exactly, from the token statistics, by source and acquirer (and app when asked).
 */
class FlyTokenMetersTests {

	@Test
	void acquisitionsAreCountedBySourceAndAcquirerWithAnAppTagOnlyWhenAsked() {
		InMemoryTokenStore store = new InMemoryTokenStore();
		for (String app : new String[] { "app-a", "app-b" }) {
			store.put(app, TokenKind.CACHED, new StoredToken(Secret.of("fo1_token_" + app),
					Instant.now().plus(Duration.ofDays(1))));
		}
		try (FlyTokens tokens = FlyTokens
			.builder(store, new FlyCliTokenIssuer("/nonexistent/fly", null, Duration.ofSeconds(1)))
			.build()) {
			SimpleMeterRegistry plain = new SimpleMeterRegistry();
			new FlyTokenMeters(tokens.statistics(), false).bindTo(plain);
			SimpleMeterRegistry perApp = new SimpleMeterRegistry();
			new FlyTokenMeters(tokens.statistics(), true).bindTo(perApp);
			for (int i = 0; i < 3; i++) {
				tokens.get("app-a");
			}
			tokens.get("app-b");
			assertThat(plain.get(FlyTokenMeters.NAME).tags("source", "storage", "acquirer", "app_server")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(plain.get(FlyTokenMeters.NAME).tags("source", "cache", "acquirer", "facade")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(plain.find(FlyTokenMeters.NAME).meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTag("app")).isNull());
			assertThat(perApp.get(FlyTokenMeters.NAME).tags("app", "app-a", "source", "cache", "acquirer", "facade")
				.functionCounter()
				.count()).isEqualTo(2);
			assertThat(perApp.get(FlyTokenMeters.NAME).tags("app", "app-b", "source", "storage", "acquirer",
					"app_server")
				.functionCounter()
				.count()).isEqualTo(1);
		}
	}

}
