package io.exatlas.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import io.exatlas.fly.tokens.TokenAcquirer;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.fly.tokens.actuate.FlyTokensEndpoint;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint.SessionDescriptor;
import io.exatlas.orchestrator.actuate.ComputeSessionsEndpoint.SessionsDescriptor;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * What the console's overview charts, read from the library's endpoints ({@code computesessions}, {@code flytokens})
 * and meters in this process — the same figures Actuator serves on the management port, which the page on the
 * application's port could not call across origins.
 */
@RestController
class ConsoleController {

	/** The facade's operations, by provider and outcome (the mock makes no HTTP requests, so these cover it too). */
	static final String OPERATIONS = "exatlas.compute.operation";

	private final ComputeSessionsEndpoint sessions;

	private final ObjectProvider<FlyTokensEndpoint> tokens;

	private final MeterRegistry meters;

	ConsoleController(ComputeSessionsEndpoint sessions, ObjectProvider<FlyTokensEndpoint> tokens,
			MeterRegistry meters) {
		this.sessions = sessions;
		this.tokens = tokens;
		this.meters = meters;
	}

	@GetMapping("/api/console/overview")
	Overview overview() {
		SessionsDescriptor tracked = this.sessions.sessions();
		Map<String, Integer> byStatus = new TreeMap<>();
		for (SessionDescriptor session : tracked.sessions()) {
			byStatus.merge(session.status(), 1, Integer::sum);
		}
		BigDecimal burnRate = (tracked.spend() != null) ? tracked.spend().burnRate() : BigDecimal.ZERO;
		BigDecimal today = (tracked.spend() != null) ? tracked.spend().today() : BigDecimal.ZERO;
		List<UserFigures> users = new ArrayList<>();
		tracked.users().forEach((user, spend) -> users
			.add(new UserFigures(user, spend.sessions(), spend.burnRate(), spend.today(), spend.month())));
		return new Overview(Instant.now(), byStatus, burnRate, today, providers(), tokens(), users);
	}

	private List<ProviderFigures> providers() {
		Map<String, long[]> counts = new TreeMap<>();
		for (Timer timer : this.meters.find(OPERATIONS).timers()) {
			String provider = timer.getId().getTag("provider");
			if (provider == null) {
				continue;
			}
			long[] figures = counts.computeIfAbsent(provider, (key) -> new long[2]);
			figures[0] += timer.count();
			if (!"success".equals(timer.getId().getTag("outcome"))) {
				figures[1] += timer.count();
			}
		}
		List<ProviderFigures> providers = new ArrayList<>();
		counts.forEach((provider, figures) -> providers
			.add(new ProviderFigures(provider, figures[0], figures[1], p95Millis(provider))));
		return providers;
	}

	/**
	 * The slowest operation's 95th percentile for the provider (each operation is a series of its own), from the
	 * timers' client-side percentiles ({@code management.metrics.distribution.percentiles}).
	 */
	private @Nullable Double p95Millis(String provider) {
		double worst = Double.NaN;
		for (Timer timer : this.meters.find(OPERATIONS).tag("provider", provider).timers()) {
			for (ValueAtPercentile value : timer.takeSnapshot().percentileValues()) {
				double millis = value.value(TimeUnit.MILLISECONDS);
				if (value.percentile() == 0.95 && !Double.isNaN(millis) && (Double.isNaN(worst) || millis > worst)) {
					worst = millis;
				}
			}
		}
		return Double.isNaN(worst) ? null : worst;
	}

	private List<TokenFigures> tokens() {
		FlyTokensEndpoint endpoint = this.tokens.getIfAvailable();
		if (endpoint == null) {
			return List.of();
		}
		List<TokenFigures> figures = new ArrayList<>();
		Map<TokenSource, Map<TokenAcquirer, Long>> counts = endpoint.tokens().total().counts();
		counts.forEach((source, byAcquirer) -> byAcquirer
			.forEach((acquirer, count) -> figures.add(new TokenFigures(source.name(), acquirer.name(), count))));
		return figures;
	}

	record Overview(Instant at, Map<String, Integer> sessionsByStatus, BigDecimal burnRate, BigDecimal spentToday,
			List<ProviderFigures> providers, List<TokenFigures> tokens, List<UserFigures> users) {
	}

	record UserFigures(String user, int sessions, BigDecimal burnRate, BigDecimal today, BigDecimal month) {
	}

	record ProviderFigures(String provider, long operations, long errors, @Nullable Double p95Millis) {
	}

	record TokenFigures(String source, String acquirer, long count) {
	}

}
