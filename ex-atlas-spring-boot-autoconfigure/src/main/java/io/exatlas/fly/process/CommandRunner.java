package io.exatlas.fly.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;

/**
 * Runs a command to completion with a timeout. Arguments are passed as a list, never through a shell; standard
 * output and error are captured separately up to a limit; on timeout the process and all its descendants are killed,
 * so nothing is left running.
 */
public final class CommandRunner {

	private static final int OUTPUT_LIMIT = 256 * 1024;

	private CommandRunner() {
	}

	/**
	 * Run a command.
	 * @param command the executable and its arguments
	 * @param workingDirectory where to run it, or {@code null} for the current directory
	 * @param timeout how long it may run
	 * @return how it ended
	 */
	public static CommandResult run(List<String> command, @Nullable Path workingDirectory, Duration timeout) {
		ProcessBuilder builder = new ProcessBuilder(command);
		if (workingDirectory != null) {
			builder.directory(workingDirectory.toFile());
		}
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			return new CommandResult(CommandResult.Outcome.NOT_FOUND, -1, "", String.valueOf(ex.getMessage()));
		}
		closeQuietly(process);
		CompletableFuture<String> stdout = drain(process.getInputStream(), "stdout");
		CompletableFuture<String> stderr = drain(process.getErrorStream(), "stderr");
		try {
			if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				killTree(process);
				return new CommandResult(CommandResult.Outcome.TIMED_OUT, -1, collect(stdout), collect(stderr));
			}
			return new CommandResult(CommandResult.Outcome.EXITED, process.exitValue(), collect(stdout), collect(stderr));
		}
		catch (InterruptedException ex) {
			killTree(process);
			Thread.currentThread().interrupt();
			return new CommandResult(CommandResult.Outcome.INTERRUPTED, -1, collect(stdout), collect(stderr));
		}
	}

	/**
	 * Kill a process and every process it started, and wait briefly for them to go.
	 * @param process the process
	 */
	public static void killTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		descendants.forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
		try {
			process.onExit().get(5, TimeUnit.SECONDS);
			for (ProcessHandle descendant : descendants) {
				descendant.onExit().get(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Exception ex) {
			// Gone or unkillable: nothing more can be done from here.
		}
	}

	private static void closeQuietly(Process process) {
		try {
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			// the command reads no input; nothing to close
		}
	}

	private static CompletableFuture<String> drain(InputStream stream, String name) {
		CompletableFuture<String> result = new CompletableFuture<>();
		Thread reader = new Thread(() -> {
			try (stream) {
				ByteArrayOutputStream buffer = new ByteArrayOutputStream();
				byte[] chunk = new byte[8192];
				int read;
				while ((read = stream.read(chunk)) != -1) {
					int room = OUTPUT_LIMIT - buffer.size();
					if (room > 0) {
						buffer.write(chunk, 0, Math.min(room, read));
					}
				}
				result.complete(buffer.toString(StandardCharsets.UTF_8));
			}
			catch (IOException ex) {
				result.complete("");
			}
		}, "exatlas-command-" + name);
		reader.setDaemon(true);
		reader.start();
		return result;
	}

	private static String collect(CompletableFuture<String> output) {
		try {
			return output.get(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
		catch (TimeoutException | java.util.concurrent.ExecutionException ex) {
			return "";
		}
	}

}
