package io.exatlas.fly.process;

/**
 * How a command ended.
 *
 * @param outcome whether it exited, timed out, was interrupted or could not start
 * @param exitCode its exit code ({@code -1} unless it exited)
 * @param stdout what it printed on standard output (bounded)
 * @param stderr what it printed on standard error (bounded)
 */
public record CommandResult(Outcome outcome, int exitCode, String stdout, String stderr) {

	/**
	 * Whether the command exited with code 0.
	 * @return whether it succeeded
	 */
	public boolean succeeded() {
		return this.outcome == Outcome.EXITED && this.exitCode == 0;
	}

	/**
	 * How a command ended.
	 */
	public enum Outcome {

		/** It ran and exited (see the exit code). */
		EXITED,

		/** It ran longer than allowed and was killed with its whole process tree. */
		TIMED_OUT,

		/**
		 * The thread waiting for it was interrupted (a shutdown, a cancelled caller); it was killed with its whole
		 * process tree and the thread's interrupt flag is set again.
		 */
		INTERRUPTED,

		/** The executable was not found or could not be started. */
		NOT_FOUND

	}

}
