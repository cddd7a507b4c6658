package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * What is at a token store's path, and whether its content may be trusted: nothing; a regular file owned by this
 * process's user and not writable by anybody else (trusted); one writable by others (untrusted: another user could
 * have planted a token); or something that must not be touched at all (a directory, a symbolic link, a FIFO, a
 * device, a file owned by another user). Read without following links, so a link is seen as a link.
 *
 * @param verdict what to do with it
 * @param reason why, for a log line or a status (paths and modes only)
 * @param signature identifies this version of the file (file key, modification time, size); {@code null} when absent
 * @param mode the file's POSIX mode, when known
 */
record TokenFileInspection(Verdict verdict, @Nullable String reason, @Nullable Object signature,
		@Nullable Set<PosixFilePermission> mode) {

	private static final Set<PosixFilePermission> OTHERS_WRITE = EnumSet.of(PosixFilePermission.GROUP_WRITE,
			PosixFilePermission.OTHERS_WRITE);

	private static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
			PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE);

	/** What the store does with what it found. */
	enum Verdict {

		/** Nothing is there. */
		ABSENT,

		/** Read it. */
		TRUSTED,

		/** Readable by others only: tighten its mode, then read it. */
		TIGHTEN,

		/** Writable by others: never read it; move it aside and start empty. */
		UNTRUSTED,

		/** Never read, write or move it. */
		REFUSED

	}

	static TokenFileInspection inspect(Path file, @Nullable UserPrincipal user) {
		BasicFileAttributes attributes;
		try {
			attributes = readAttributes(file);
		}
		catch (IOException ex) {
			// Missing, or its directory is missing, not a directory or not searchable: nothing can be read there,
			// and the writability check says why nothing can be written either.
			return new TokenFileInspection(Verdict.ABSENT, null, null, null);
		}
		Object signature = signature(attributes);
		if (attributes.isSymbolicLink()) {
			return refused("is a symbolic link; the store does not follow links", signature);
		}
		if (attributes.isDirectory()) {
			return refused("is a directory, not a file", signature);
		}
		if (!attributes.isRegularFile()) {
			return refused("is not a regular file (a FIFO, socket or device)", signature);
		}
		if (!(attributes instanceof PosixFileAttributes posix)) {
			return new TokenFileInspection(Verdict.TRUSTED, null, signature, null);
		}
		if (user != null && !user.equals(posix.owner())) {
			return refused("is owned by " + posix.owner().getName() + ", not by " + user.getName()
					+ ", the user running this application", signature);
		}
		Set<PosixFilePermission> mode = posix.permissions();
		String shown = PosixFilePermissions.toString(mode);
		if (mode.stream().anyMatch(OTHERS_WRITE::contains)) {
			return new TokenFileInspection(Verdict.UNTRUSTED, "has mode " + shown
					+ ", writable by other users, who could have planted a token", signature, mode);
		}
		if (!OWNER_ONLY.containsAll(mode)) {
			return new TokenFileInspection(Verdict.TIGHTEN, "had mode " + shown + ", readable by other users",
					signature, mode);
		}
		return new TokenFileInspection(Verdict.TRUSTED, null, signature, mode);
	}

	/**
	 * The signature of the file as it is now, to tell whether another process replaced it.
	 * @param file the file
	 * @return its signature, {@code null} when absent or unreadable
	 */
	static @Nullable Object signatureOf(Path file) {
		try {
			return signature(readAttributes(file));
		}
		catch (IOException ex) {
			return null;
		}
	}

	private static BasicFileAttributes readAttributes(Path file) throws IOException {
		Class<? extends BasicFileAttributes> type = file.getFileSystem().supportedFileAttributeViews().contains("posix")
				? PosixFileAttributes.class : BasicFileAttributes.class;
		return Files.readAttributes(file, type, LinkOption.NOFOLLOW_LINKS);
	}

	private static Object signature(BasicFileAttributes attributes) {
		return Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
	}

	private static TokenFileInspection refused(String reason, @Nullable Object signature) {
		return new TokenFileInspection(Verdict.REFUSED, reason, signature, null);
	}

}
