package io.exatlas.pacing;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A client-side limit: at most {@code limit} requests per {@code period} to the matching requests of a provider,
 * counted per {@link PacingScope scope}. A burst of {@code limit} requests may go at once; then each waits for the
 * next period.
 *
 * @param name the rule's name, e.g. {@code lambda-labs.launch} (properties override a rule by its name)
 * @param provider the provider id
 * @param method the HTTP method, or {@code *} for any
 * @param path the path template as the provider client writes it (e.g. {@code /instance-operations/launch}), with
 * {@code *} matching any characters, or {@code *} for any
 * @param scope what one limiter counts
 * @param limit requests per period, at least 1
 * @param period the period, positive
 */
public record PacingRule(String name, String provider, String method, String path, PacingScope scope, int limit,
		Duration period) {

	/**
	 * Validates the rule.
	 * @param name the name
	 * @param provider the provider id
	 * @param method the method
	 * @param path the path template pattern
	 * @param scope the scope
	 * @param limit requests per period
	 * @param period the period
	 */
	public PacingRule {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(provider, "provider");
		method = Objects.requireNonNull(method, "method").toUpperCase(Locale.ROOT);
		Objects.requireNonNull(path, "path");
		Objects.requireNonNull(scope, "scope");
		Objects.requireNonNull(period, "period");
		if (limit < 1) {
			throw new IllegalArgumentException("pacing rule " + name + ": limit must be at least 1, was " + limit);
		}
		if (period.isNegative() || period.isZero()) {
			throw new IllegalArgumentException("pacing rule " + name + ": period must be positive, was " + period);
		}
	}

	/**
	 * Whether a request falls under this rule.
	 * @param provider the provider id
	 * @param method the HTTP method
	 * @param template the path template
	 * @return whether it does
	 */
	public boolean matches(String provider, String method, String template) {
		return this.provider.equals(provider) && ("*".equals(this.method) || this.method.equalsIgnoreCase(method))
				&& ("*".equals(this.path) || pathPattern().matcher(template).matches());
	}

	/**
	 * The path as a regular expression: {@code *} matches any characters, everything else itself.
	 * @return the pattern
	 */
	Pattern pathPattern() {
		return Pattern.compile(Arrays.stream(this.path.split("\\*", -1))
			.map(Pattern::quote)
			.collect(Collectors.joining(".*")));
	}

}
