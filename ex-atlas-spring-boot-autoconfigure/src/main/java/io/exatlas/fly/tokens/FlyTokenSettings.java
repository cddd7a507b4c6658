package io.exatlas.fly.tokens;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of {@link FlyTokens}.
 *
 * @param ttl lifetime given to tokens from the config file and the CLI
 * @param softRefreshLead how long before expiry a token is refreshed in the background ({@link Duration#ZERO}
 * disables it)
 * @param cliFailureBackoff how long the CLI is not tried again for an app after it failed
 * @param cacheMaximumSize the most apps whose tokens are cached
 * @param callTimeout the longest a blocking call waits for its app's resolver
 */
public record FlyTokenSettings(Duration ttl, Duration softRefreshLead, Duration cliFailureBackoff,
		long cacheMaximumSize, Duration callTimeout) {

	/**
	 * Validates the settings.
	 * @param ttl token lifetime
	 * @param softRefreshLead refresh lead
	 * @param cliFailureBackoff CLI back-off
	 * @param cacheMaximumSize cache size
	 * @param callTimeout blocking call timeout
	 */
	public FlyTokenSettings {
		Objects.requireNonNull(ttl, "ttl");
		Objects.requireNonNull(softRefreshLead, "softRefreshLead");
		Objects.requireNonNull(cliFailureBackoff, "cliFailureBackoff");
		Objects.requireNonNull(callTimeout, "callTimeout");
		if (ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("ttl must be positive");
		}
	}

	/**
	 * The reference's defaults: 24 h tokens refreshed 1 h before expiry, CLI retried after 30 s.
	 * @return the settings
	 */
	public static FlyTokenSettings defaults() {
		return new FlyTokenSettings(Duration.ofHours(24), Duration.ofHours(1), Duration.ofSeconds(30), 10_000,
				Duration.ofSeconds(60));
	}

}
