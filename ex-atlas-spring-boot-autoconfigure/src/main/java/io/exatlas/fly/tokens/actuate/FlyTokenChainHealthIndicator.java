package io.exatlas.fly.tokens.actuate;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import io.exatlas.fly.tokens.FlyTokenStatistics;
import io.exatlas.fly.tokens.FlyTokenStatistics.AppStatistics;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The Fly token chain, from its statistics: per app, where the last token came from and when, and the last failure.
 * An app whose last resolution found no token in any source ({@code NONE}) makes the chain UNKNOWN — worth a warning,
 * not an outage: the application runs, its Fly calls fail until a token appears. UP otherwise (also before any
 * resolution). Never a token.
 */
public class FlyTokenChainHealthIndicator implements HealthIndicator {

	private final FlyTokenStatistics statistics;

	/**
	 * Create the indicator.
	 * @param statistics the token manager's statistics
	 */
	public FlyTokenChainHealthIndicator(FlyTokenStatistics statistics) {
		this.statistics = Objects.requireNonNull(statistics, "statistics");
	}

	@Override
	public Health health() {
		Map<String, Object> apps = new LinkedHashMap<>();
		boolean withoutToken = false;
		for (Map.Entry<String, AppStatistics> entry : this.statistics.apps().entrySet()) {
			AppStatistics app = entry.getValue();
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("lastSource", (app.lastSource() != null) ? app.lastSource().name() : null);
			details.put("lastAcquiredAt", app.lastAcquiredAt());
			details.put("lastFailure", app.lastFailure());
			if (app.withoutToken()) {
				withoutToken = true;
				details.put("warning", "the last resolution found no token in any source");
			}
			apps.put(entry.getKey(), details);
		}
		return (withoutToken ? Health.unknown() : Health.up()).withDetail("apps", apps).build();
	}

}
