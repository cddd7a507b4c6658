package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * The file-system work of the file token store: owner-only modes, atomic replacement, and the clean-up of what
 * interrupted writes left behind.
 */
final class TokenFiles {

	private static final Log logger = LogFactory.getLog(FileTokenStore.class);

	/** Mode of the store file and of files moved aside. */
	static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

	private static final String TEMPORARY_PREFIX = ".fly-tokens-";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private static final Duration STALE_TEMPORARY_FILE_AGE = Duration.ofMinutes(1);

	private TokenFiles() {
	}

	/**
	 * Replace a file atomically: a temporary file in the same directory (mode 0600), fsync, rename, fsync of the
	 * directory; a crash leaves the old or the new file, never a torn one.
	 * @param file the file
	 * @param content its new content
	 * @throws IOException when it could not be written
	 */
	static void replace(Path file, byte[] content) throws IOException {
		Path directory = file.getParent();
		Path temporary = createTemporaryFile(directory);
		try {
			try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
				ByteBuffer buffer = ByteBuffer.wrap(content);
				while (buffer.hasRemaining()) {
					channel.write(buffer);
				}
				channel.force(true);
			}
			try {
				Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		syncDirectory(directory);
	}

	/**
	 * Create a directory (and its parents) with mode 0700 where the file system has modes.
	 * @param directory the directory
	 * @throws IOException when it could not be created
	 */
	static void createDirectory(Path directory) throws IOException {
		if (Files.isDirectory(directory)) {
			return;
		}
		if (isPosix(directory.getRoot())) {
			Path parent = directory.getParent();
			if (parent != null) {
				createDirectory(parent);
			}
			try {
				Files.createDirectory(directory, PosixFilePermissions.asFileAttribute(DIRECTORY_MODE));
				Files.setPosixFilePermissions(directory, DIRECTORY_MODE);
			}
			catch (FileAlreadyExistsException ex) {
				// created concurrently
			}
		}
		else {
			Files.createDirectories(directory);
		}
	}

	/**
	 * Delete the temporary files of writes that never finished (the process died between creating and renaming
	 * one). Only files older than a minute go: a write in flight in another process is a matter of milliseconds.
	 * @param file the store file, whose directory is cleaned
	 * @param clock the time now
	 */
	static void removeStaleTemporaryFiles(Path file, Clock clock) {
		Path directory = file.getParent();
		if (directory == null || !Files.isDirectory(directory)) {
			return;
		}
		long cutoff = clock.millis() - STALE_TEMPORARY_FILE_AGE.toMillis();
		try (DirectoryStream<Path> temporaries = Files.newDirectoryStream(directory, TEMPORARY_PREFIX + "*"
				+ TEMPORARY_SUFFIX)) {
			for (Path temporary : temporaries) {
				if (Files.getLastModifiedTime(temporary).toMillis() < cutoff) {
					Files.deleteIfExists(temporary);
					logger.info("Deleted " + temporary.getFileName() + ", left by a write that never finished");
				}
			}
		}
		catch (IOException ex) {
			logger.debug("Could not clean up unfinished token file writes: " + ex.getClass().getSimpleName());
		}
	}

	/**
	 * A new temporary file in a directory, mode 0600, named so that {@link #removeStaleTemporaryFiles} finds it.
	 * @param directory the directory
	 * @return the file
	 * @throws IOException when it could not be created
	 */
	static Path createTemporaryFile(Path directory) throws IOException {
		FileAttribute<?>[] attributes = isPosix(directory)
				? new FileAttribute<?>[] { PosixFilePermissions.asFileAttribute(FILE_MODE) } : new FileAttribute<?>[0];
		Path temporary = Files.createTempFile(directory, TEMPORARY_PREFIX, TEMPORARY_SUFFIX, attributes);
		if (isPosix(directory)) {
			Files.setPosixFilePermissions(temporary, FILE_MODE);
		}
		return temporary;
	}

	private static void syncDirectory(Path directory) {
		try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
			channel.force(true);
		}
		catch (IOException ex) {
			// Not supported on every platform; the rename itself is atomic.
		}
	}

	/**
	 * Whether a path's file system has POSIX modes and owners.
	 * @param path the path
	 * @return whether it does
	 */
	static boolean isPosix(@Nullable Path path) {
		return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

}
