package io.exatlas.fly.deploy;

import io.exatlas.ExAtlasException;

/**
 * A deploy that the CLI ended with a non-zero exit code (kind {@code PROVIDER}, code {@code exit_code}) or that
 * timed out (kind {@code TIMEOUT}). The CLI's output is available from {@link #output()} but kept out of the
 * message, {@code toString()} and logs, since build output can contain tokens.
 */
public final class FlyDeployException extends ExAtlasException {

	private static final long serialVersionUID = 1L;

	private final int exitCode;

	private final transient String output;

	FlyDeployException(Builder builder, int exitCode, String output) {
		super(builder);
		this.exitCode = exitCode;
		this.output = output;
	}

	/**
	 * The CLI's exit code ({@code -1} when it did not exit by itself).
	 * @return the exit code
	 */
	public int exitCode() {
		return this.exitCode;
	}

	/**
	 * Everything the CLI printed (standard output, then standard error).
	 * @return the output
	 */
	public String output() {
		return this.output;
	}

}
