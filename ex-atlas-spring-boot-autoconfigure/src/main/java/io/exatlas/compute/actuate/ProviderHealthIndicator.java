package io.exatlas.compute.actuate;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.actuate.ProviderCallOutcomes.LastCall;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One provider's health, from cached state only: whether it is configured (credentials present; asked of the
 * provider at most once per {@code recheck}) and the outcome of the application's last real call to it. DOWN when
 * the provider is the default one and has no credentials, when its last call was refused (401/403: bad
 * credentials) or got no answer at all; UNKNOWN for a provider nobody configured; UP otherwise. Details name the
 * outcome, status and error kind, never a URL or a credential.
 */
public class ProviderHealthIndicator implements HealthIndicator {

	private static final Duration CONFIGURED_TIMEOUT = Duration.ofSeconds(2);

	private final ComputeProvider provider;

	private final ProviderCallOutcomes outcomes;

	private final boolean defaultProvider;

	private final Clock clock;

	private final long recheckMillis;

	private volatile @Nullable Boolean configured;

	private volatile long configuredAt;

	/**
	 * Create the indicator.
	 * @param provider the provider
	 * @param outcomes the last calls
	 * @param defaultProvider whether it is the application's default provider
	 * @param clock the clock
	 * @param recheck how long whether the provider is configured is cached
	 */
	public ProviderHealthIndicator(ComputeProvider provider, ProviderCallOutcomes outcomes, boolean defaultProvider,
			Clock clock, Duration recheck) {
		this.provider = Objects.requireNonNull(provider, "provider");
		this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
		this.defaultProvider = defaultProvider;
		this.clock = Objects.requireNonNull(clock, "clock");
		this.recheckMillis = recheck.toMillis();
	}

	@Override
	public Health health() {
		boolean configured = configured();
		LastCall last = this.outcomes.last(this.provider.id());
		Health.Builder health;
		if (!configured) {
			health = this.defaultProvider
					? Health.down().withDetail("reason", "the default provider has no credentials configured")
					: Health.unknown().withDetail("reason", "not configured");
		}
		else if (last != null && last.credentialsRefused()) {
			health = Health.down()
				.withDetail("reason", "the provider refused the credentials on the last call (HTTP " + last.status()
						+ ")");
		}
		else if (last != null && !last.responseReceived() && !"CANCELLED".equals(last.outcome())) {
			health = Health.down().withDetail("reason", "the provider did not answer the last call");
		}
		else {
			health = Health.up();
		}
		health.withDetail("configured", configured).withDetail("default", this.defaultProvider);
		if (last != null) {
			health.withDetail("lastCall", last);
		}
		return health.build();
	}

	private boolean configured() {
		Boolean cached = this.configured;
		long now = this.clock.millis();
		if (cached != null && now - this.configuredAt < this.recheckMillis) {
			return cached;
		}
		Boolean answer;
		try {
			answer = this.provider.configured().block(CONFIGURED_TIMEOUT);
		}
		catch (RuntimeException ex) {
			answer = false;
		}
		boolean configured = Boolean.TRUE.equals(answer);
		this.configured = configured;
		this.configuredAt = now;
		return configured;
	}

	@Override
	public String toString() {
		return "ProviderHealthIndicator[" + this.provider.id() + "]";
	}

}
