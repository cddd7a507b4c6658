package io.exatlas.fly.tokens;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.Secret;
import io.exatlas.fly.process.CommandResult;
import io.exatlas.fly.process.CommandRunner;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Mints an org-scoped read-only token with {@code fly tokens create readonly [org]}. Only standard output is read
 * (warnings on standard error never become part of the token) and only a complete line of the shape Fly issues is a
 * token ({@code FlyV1 fm2_<base64>[,…]}, terminated by a line break): truncated output never is. A missing
 * binary, a timeout (the process tree is killed), a non-zero exit or no token line are misses, logged without any
 * token. flyctl needs the org slug when it runs without a terminal, so configure one.
 */
public class FlyCliTokenIssuer {

	private static final Log logger = LogFactory.getLog(FlyCliTokenIssuer.class);

	/** One macaroon as Fly prints it: its version prefix, then standard Base64 with padding. */
	private static final Pattern MACAROON = Pattern.compile("fm(?:1r|1a|2)_([A-Za-z0-9+/]+={0,2})");

	private static final String SCHEME = "FlyV1 ";

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
					logger.warn("`fly tokens create readonly` for app " + app + " printed no complete token of the "
							+ "shape Fly issues (FlyV1 fm2_…, one full line); its output is not used");
				}
				return token;
			}
		}
		return Optional.empty();
	}

	/**
	 * The token in the CLI's standard output: a complete line {@code FlyV1 fm2_<base64>[,fm2_<base64>…]}, the only
	 * shape {@code fly tokens create} prints. A line without its line terminator was cut short (the CLI killed while
	 * writing, output beyond the capture limit) and is never a token, nor is a macaroon whose Base64 is incomplete
	 * or an empty part (a cut after a comma).
	 * @param stdout what the CLI printed
	 * @return the token line without its terminator, or empty
	 */
	static Optional<String> tokenLine(String stdout) {
		int start = 0;
		int end;
		while ((end = stdout.indexOf('\n', start)) >= 0) {
			String line = stdout.substring(start, end).strip();
			start = end + 1;
			if (line.startsWith(SCHEME) && wellFormed(line.substring(SCHEME.length()))) {
				return Optional.of(line);
			}
		}
		return Optional.empty();
	}

	private static boolean wellFormed(String macaroons) {
		for (String part : macaroons.split(",", -1)) {
			Matcher matcher = MACAROON.matcher(part);
			if (!matcher.matches() || matcher.group(1).length() % 4 != 0) {
				return false;
			}
			try {
				Base64.getDecoder().decode(matcher.group(1));
			}
			catch (IllegalArgumentException ex) {
				return false;
			}
		}
		return true;
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
