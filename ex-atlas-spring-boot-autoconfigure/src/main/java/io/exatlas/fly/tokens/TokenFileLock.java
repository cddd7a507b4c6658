package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion for the writers of one token file, across threads, store instances and processes: a JVM-wide
 * lock per path (the operating system's file locks are per process, and {@link FileChannel#lock()} throws when the
 * same JVM asks twice), then an advisory lock on a sibling {@code .<name>.lock} file that is never deleted (deleting
 * a lock file lets two processes lock two different files).
 */
final class TokenFileLock {

	private static final ConcurrentMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

	private static final long WAIT_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final Path lockFile;

	private final ReentrantLock inProcess;

	private final FileAttribute<?>[] attributes;

	TokenFileLock(Path file, boolean posix) {
		this.lockFile = file.resolveSibling("." + file.getFileName() + ".lock");
		this.inProcess = IN_PROCESS.computeIfAbsent(file, (path) -> new ReentrantLock());
		this.attributes = posix
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")) }
				: new FileAttribute<?>[0];
	}

	/**
	 * Run an action while holding both locks.
	 * @param action the action
	 * @throws IOException when the lock file cannot be opened, or another process held it for 10 s
	 */
	void run(IoAction action) throws IOException {
		try {
			if (!this.inProcess.tryLock(WAIT_NANOS, TimeUnit.NANOSECONDS)) {
				throw new IOException("timed out waiting for another writer of the token store in this process");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted while waiting for the token store lock", ex);
		}
		try (FileChannel channel = FileChannel.open(this.lockFile, Set.of(StandardOpenOption.CREATE,
				StandardOpenOption.WRITE), this.attributes); FileLock lock = acquire(channel)) {
			action.run();
		}
		finally {
			this.inProcess.unlock();
		}
	}

	private FileLock acquire(FileChannel channel) throws IOException {
		long deadline = System.nanoTime() + WAIT_NANOS;
		long pauseMillis = 1;
		while (true) {
			FileLock lock = channel.tryLock();
			if (lock != null) {
				return lock;
			}
			if (System.nanoTime() - deadline > 0) {
				throw new IOException("another process held " + this.lockFile + " for more than 10 s");
			}
			try {
				Thread.sleep(pauseMillis);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IOException("interrupted while waiting for " + this.lockFile, ex);
			}
			pauseMillis = Math.min(pauseMillis * 2, 20);
		}
	}

	/**
	 * An action that may fail with an {@link IOException}.
	 */
	@FunctionalInterface
	interface IoAction {

		void run() throws IOException;

	}

}
