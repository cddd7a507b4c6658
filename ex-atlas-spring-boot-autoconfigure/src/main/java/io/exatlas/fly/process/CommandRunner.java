package io.exatlas.fly.process;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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

	/** How often the running command's descendants are looked at. */
	private static final Duration POLL = Duration.ofMillis(50);

	/** How long the output may take to end after the command exited. */
	private static final Duration END_OF_OUTPUT_GRACE = Duration.ofSeconds(2);

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
		String outputPipe = outputPipe(process.pid());
		Output stdout = drain(process.getInputStream(), "stdout");
		Output stderr = drain(process.getErrorStream(), "stderr");
		// Descendants are seen while the command runs: once it exits, its orphans are no longer its descendants.
		Set<ProcessHandle> seen = new HashSet<>();
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			while (!process.waitFor(Math.min(POLL.toNanos(), Math.max(0, deadline - System.nanoTime())),
					TimeUnit.NANOSECONDS)) {
				process.descendants().forEach(seen::add);
				if (System.nanoTime() - deadline >= 0) {
					killTree(process);
					return new CommandResult(CommandResult.Outcome.TIMED_OUT, -1, stdout.collect(), stderr.collect());
				}
			}
			// The command exited: a child it left behind may still hold its output open. Take what was printed,
			// without waiting for an end of stream that child controls, and end the child.
			String out = stdout.collect();
			String err = stderr.collect();
			killLeftBehind(seen);
			if (!stdout.ended()) {
				killHoldersOf(outputPipe);
			}
			return new CommandResult(CommandResult.Outcome.EXITED, process.exitValue(), out, err);
		}
		catch (InterruptedException ex) {
			killTree(process);
			Thread.currentThread().interrupt();
			return new CommandResult(CommandResult.Outcome.INTERRUPTED, -1, stdout.collect(), stderr.collect());
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

	/** The command's standard output as Linux names it ({@code pipe:[inode]}), or {@code null} elsewhere. */
	private static @Nullable String outputPipe(long pid) {
		try {
			return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "fd", "1")).toString();
		}
		catch (IOException | UnsupportedOperationException | SecurityException ex) {
			return null;
		}
	}

	/**
	 * End the processes that still write into the command's output after it exited: children it left behind,
	 * reparented away from it, found by the pipe they hold (Linux; elsewhere nothing is found).
	 */
	private static void killHoldersOf(@Nullable String pipe) {
		if (pipe == null || !pipe.startsWith("pipe:")) {
			return;
		}
		long self = ProcessHandle.current().pid();
		try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
			for (Path process : processes) {
				long pid = Long.parseLong(process.getFileName().toString());
				if (pid != self && holds(process, pipe)) {
					ProcessHandle.of(pid).ifPresent((handle) -> {
						handle.descendants().forEach(ProcessHandle::destroyForcibly);
						handle.destroyForcibly();
					});
				}
			}
		}
		catch (IOException | RuntimeException ex) {
			// /proc unreadable: nothing more can be done from here
		}
	}

	private static boolean holds(Path process, String pipe) {
		for (String fd : List.of("1", "2")) {
			try {
				if (pipe.equals(Files.readSymbolicLink(process.resolve("fd").resolve(fd)).toString())) {
					return true;
				}
			}
			catch (IOException | RuntimeException ex) {
				// gone, or not ours to read
			}
		}
		return false;
	}

	private static void killLeftBehind(Set<ProcessHandle> seen) {
		for (ProcessHandle handle : seen) {
			if (handle.isAlive()) {
				handle.descendants().forEach(ProcessHandle::destroyForcibly);
				handle.destroyForcibly();
			}
		}
	}

	private static Output drain(InputStream stream, String name) {
		Output output = new Output();
		Thread reader = new Thread(() -> {
			try (stream) {
				byte[] chunk = new byte[8192];
				int read;
				while ((read = stream.read(chunk)) != -1) {
					output.append(chunk, read);
				}
			}
			catch (IOException ex) {
				// the stream ended with the process
			}
			output.ended.complete(null);
		}, "exatlas-command-" + name);
		reader.setDaemon(true);
		reader.start();
		return output;
	}

	/**
	 * A process's output as read so far, bounded to {@code OUTPUT_LIMIT} bytes.
	 */
	private static final class Output {

		private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();

		private final CompletableFuture<Void> ended = new CompletableFuture<>();

		boolean ended() {
			return this.ended.isDone();
		}

		synchronized void append(byte[] chunk, int length) {
			int room = OUTPUT_LIMIT - this.buffer.size();
			if (room > 0) {
				this.buffer.write(chunk, 0, Math.min(room, length));
			}
		}

		/**
		 * What was read, after waiting briefly for the end of the stream (a child of the command may keep it open).
		 */
		String collect() {
			try {
				this.ended.get(END_OF_OUTPUT_GRACE.toMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			catch (TimeoutException | ExecutionException ex) {
				// a child holds the stream open: take what the command printed
			}
			synchronized (this) {
				return this.buffer.toString(StandardCharsets.UTF_8);
			}
		}

	}

}
