package io.exatlas.fly.tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import io.exatlas.Secret;
import io.exatlas.fly.process.CommandResult;
import io.exatlas.fly.process.CommandRunner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Mints an org-scoped read-only token with {@code fly tokens create readonly [org]}. Only standard output is read
 * (warnings on standard error never become part of the token) and the token line must look like a token. A missing
 * binary, a timeout (the process tree is killed), a non-zero exit or no token line are misses, logged without any
 * token. flyctl needs the org slug when it runs without a terminal, so configure one.
 */
public class FlyCliTokenIssuer {

	private static final Log logger = LogFactory.getLog(FlyCliTokenIssuer.class);

	private static final Pattern TOKEN_LINE = Pattern.compile("(FlyV1 )?[A-Za-z0-9_+/=,.\\-]{16,}");

	private static final Pattern TOKEN_LIKE = Pattern.compile("(FlyV1 \\S+|fm[12][ar]?_\\S+|fo1_\\S+)");

	private final String executable;

	private final @Nullable String org;

	private final Duration timeout;

	/**
	 * Create the issuer.
	 * @param executable the {@code fly} binary (a name on the PATH or a path)
	 * @param org the Fly organization slug, or {@code null}
	 * @param timeout how long the CLI may run
	 */
	public FlyCliTokenIssuer(String executable, @Nullable String org, Duration timeout) {
		this.executable = executable;
		this.org = org;
		this.timeout = timeout;
	}

	/**
	 * The command this issuer runs.
	 * @return the executable and its arguments
	 */
	public List<String> command() {
		List<String> command = new ArrayList<>(List.of(this.executable, "tokens", "create", "readonly"));
		if (this.org != null && !this.org.isBlank()) {
			command.add(this.org);
		}
		return command;
	}

	/**
	 * Run the CLI.
	 * @param app the app the token is wanted for (for log messages)
	 * @return the token, or empty on any kind of failure
	 */
	public Optional<Secret> issue(String app) {
		CommandResult result = CommandRunner.run(command(), null, this.timeout);
		switch (result.outcome()) {
			case NOT_FOUND -> logger.warn("Fly CLI '" + this.executable + "' could not be started for app " + app
					+ "; skipping the CLI step");
			case TIMED_OUT -> logger.warn("`fly tokens create readonly` for app " + app + " timed out after "
					+ this.timeout + " and was killed");
			case INTERRUPTED -> logger.info("`fly tokens create readonly` for app " + app
					+ " was interrupted and killed");
			case EXITED -> {
				if (result.exitCode() != 0) {
					logger.warn("`fly tokens create readonly` for app " + app + " failed with exit code "
							+ result.exitCode() + describe(result.stderr()));
					return Optional.empty();
				}
				Optional<Secret> token = tokenLine(result.stdout()).map(Secret::of);
				if (token.isEmpty()) {
					logger.warn("`fly tokens create readonly` for app " + app + " printed no token");
				}
				return token;
			}
		}
		return Optional.empty();
	}

	private static Optional<String> tokenLine(String stdout) {
		List<String> lines = stdout.lines().map(String::strip).filter((line) -> !line.isEmpty()).toList();
		for (String line : lines) {
			if (line.startsWith("FlyV1 ") && TOKEN_LINE.matcher(line).matches()) {
				return Optional.of(line);
			}
		}
		if (lines.size() == 1 && TOKEN_LINE.matcher(lines.get(0)).matches()) {
			return Optional.of(lines.get(0));
		}
		return Optional.empty();
	}

	private static String describe(String stderr) {
		String first = stderr.lines().map(String::strip).filter((line) -> !line.isEmpty()).findFirst().orElse("");
		if (first.isEmpty()) {
			return "";
		}
		String redacted = TOKEN_LIKE.matcher(first).replaceAll("[REDACTED]");
		return ": " + ((redacted.length() > 200) ? redacted.substring(0, 200) + "…" : redacted);
	}

}
