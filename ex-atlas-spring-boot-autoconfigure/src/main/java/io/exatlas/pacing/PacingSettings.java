package io.exatlas.pacing;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The pacing rules, how long a paced request may wait, and which providers are also paced from the headroom they
 * report.
 *
 * @param rules the rules; a request waits for every rule it matches
 * @param maxWait the longest a request waits for a permit; longer and it fails with {@code RATE_LIMITED}
 * @param serverReported the providers whose {@code RateLimit} / {@code RateLimit-Policy} response headers pace
 * their later requests
 */
public record PacingSettings(List<PacingRule> rules, Duration maxWait, Set<String> serverReported) {

	/**
	 * The clouds' published limits (see the provider notes):
	 * <ul>
	 * <li>Lambda: about one request per second; launch one per 12 seconds (Lambda: "one per 12 seconds, or five
	 * per minute"; a burst of five would make the sixth launch wait a minute, longer than the default bound);</li>
	 * <li>Fly Machines: per machine and action one per second with bursts of three (3 per 3 s), Get Machine five
	 * per second with bursts of ten (10 per 2 s), creates per app as actions;</li>
	 * <li>Vast: a minimum interval per endpoint, undocumented except 3.5 s for endpoints the library does not call:
	 * one request per second per endpoint;</li>
	 * <li>RunPod: 60 per minute (the spec's example policy), then what its {@code RateLimit} headers say.</li>
	 * </ul>
	 */
	public static final PacingSettings DEFAULTS = new PacingSettings(List.of(
			new PacingRule("lambda-labs.requests", "lambda-labs", "*", "*", PacingScope.PROVIDER, 1,
					Duration.ofSeconds(1)),
			new PacingRule("lambda-labs.launch", "lambda-labs", "POST", "/instance-operations/launch",
					PacingScope.PROVIDER, 1, Duration.ofSeconds(12)),
			new PacingRule("fly.machine-actions", "fly", "POST", "/apps/{app}/machines/{id}/*", PacingScope.RESOURCE,
					3, Duration.ofSeconds(3)),
			new PacingRule("fly.create-machine", "fly", "POST", "/apps/{app}/machines", PacingScope.RESOURCE, 3,
					Duration.ofSeconds(3)),
			new PacingRule("fly.delete-machine", "fly", "DELETE", "/apps/{app}/machines/{id}", PacingScope.RESOURCE,
					3, Duration.ofSeconds(3)),
			new PacingRule("fly.get-machine", "fly", "GET", "/apps/{app}/machines/{id}", PacingScope.RESOURCE, 10,
					Duration.ofSeconds(2)),
			new PacingRule("vast.endpoints", "vast", "*", "*", PacingScope.ENDPOINT, 1, Duration.ofSeconds(1)),
			new PacingRule("runpod.requests", "runpod", "*", "*", PacingScope.PROVIDER, 60, Duration.ofMinutes(1))),
			Duration.ofSeconds(30), Set.of("runpod"));

	/** No pacing at all. */
	public static final PacingSettings NONE = new PacingSettings(List.of(), Duration.ofSeconds(30), Set.of());

	/**
	 * Validates the settings.
	 * @param rules the rules
	 * @param maxWait the longest wait
	 * @param serverReported the providers paced from their headers
	 */
	public PacingSettings {
		rules = List.copyOf(rules);
		Objects.requireNonNull(maxWait, "maxWait");
		if (maxWait.isNegative()) {
			throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
		}
		serverReported = Set.copyOf(serverReported);
	}

}
