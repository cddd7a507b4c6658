package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import io.exatlas.Secret;
import io.exatlas.internal.WireJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A {@link TokenStore} in one JSON file. Reads are served from memory; every write replaces the file atomically
 * (temporary file in the same directory, fsync, rename, fsync of the directory), so a crash leaves either the old
 * or the new file, never a torn one. The file is created with mode 0600 and a directory the store creates with
 * 0700. An unreadable file (not JSON, wrong shape) is moved aside as {@code <name>.corrupt-<millis>}, logged without
 * its content, and the store starts empty. Tokens are stored in plain text, protected by the file mode only.
 */
public class FileTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(FileTokenStore.class);

	private static final Set<PosixFilePermission> FILE_MODE = PosixFilePermissions.fromString("rw-------");

	private static final Set<PosixFilePermission> DIRECTORY_MODE = PosixFilePermissions.fromString("rwx------");

	private static final String TEMPORARY_PREFIX = ".fly-tokens-";

	private static final String TEMPORARY_SUFFIX = ".tmp";

	private static final Duration STALE_TEMPORARY_FILE_AGE = Duration.ofMinutes(1);

	private final Path file;

	private final Clock clock;

	private final Map<Key, StoredToken> records = new ConcurrentHashMap<>();

	/**
	 * Open (or create) the store.
	 * @param file the JSON file
	 * @param clock names quarantined files
	 */
	public FileTokenStore(Path file, Clock clock) {
		this.file = file.toAbsolutePath();
		this.clock = clock;
		load();
		removeStaleTemporaryFiles();
	}

	/**
	 * The file backing this store.
	 * @return the path
	 */
	public Path file() {
		return this.file;
	}

	@Override
	public Optional<StoredToken> get(String app, TokenKind kind) {
		return Optional.ofNullable(this.records.get(new Key(app, kind)));
	}

	@Override
	public synchronized void put(String app, TokenKind kind, StoredToken token) {
		StoredToken previous = this.records.put(new Key(app, kind), token);
		try {
			write();
		}
		catch (IOException | RuntimeException ex) {
			restore(new Key(app, kind), previous);
			throw new IllegalStateException("could not write the Fly token store " + this.file + ": " + ex, ex);
		}
	}

	@Override
	public synchronized void delete(String app, TokenKind kind) {
		StoredToken previous = this.records.remove(new Key(app, kind));
		if (previous == null) {
			return;
		}
		try {
			write();
		}
		catch (IOException | RuntimeException ex) {
			restore(new Key(app, kind), previous);
			throw new IllegalStateException("could not write the Fly token store " + this.file + ": " + ex, ex);
		}
	}

	private void restore(Key key, StoredToken previous) {
		if (previous != null) {
			this.records.put(key, previous);
		}
		else {
			this.records.remove(key);
		}
	}

	private void load() {
		byte[] content;
		try {
			content = Files.readAllBytes(this.file);
		}
		catch (NoSuchFileException ex) {
			return;
		}
		catch (IOException ex) {
			quarantine("unreadable (" + ex.getClass().getSimpleName() + ")");
			return;
		}
		try {
			parse(WireJson.mapper().readTree(content));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			this.records.clear();
			quarantine("not a token store file (" + ex.getClass().getSimpleName() + ")");
		}
	}

	private void parse(JsonNode root) {
		JsonNode apps = root.path("apps");
		if (!root.isObject() || !apps.isObject()) {
			throw new IllegalArgumentException("expected an object with an 'apps' object");
		}
		for (Map.Entry<String, JsonNode> app : apps.properties()) {
			for (TokenKind kind : TokenKind.values()) {
				JsonNode record = app.getValue().path(kind.name().toLowerCase(java.util.Locale.ROOT));
				if (record.isMissingNode()) {
					continue;
				}
				JsonNode token = record.path("token");
				JsonNode expiresAt = record.path("expiresAt");
				if (!token.isString() || token.asString().isEmpty() || !(expiresAt.isMissingNode()
						|| expiresAt.isNull() || expiresAt.isString())) {
					throw new IllegalArgumentException("malformed record");
				}
				try {
					Instant expiry = expiresAt.isString() ? Instant.parse(expiresAt.asString()) : null;
					this.records.put(new Key(app.getKey(), kind), new StoredToken(Secret.of(token.asString()), expiry));
				}
				catch (DateTimeParseException ex) {
					throw new IllegalArgumentException("malformed expiry", ex);
				}
			}
		}
	}

	private void quarantine(String reason) {
		Path aside = this.file.resolveSibling(this.file.getFileName() + ".corrupt-" + this.clock.millis());
		try {
			Files.move(this.file, aside, StandardCopyOption.REPLACE_EXISTING);
			logger.warn("The Fly token store " + this.file + " was " + reason + "; it was moved aside to " + aside
					+ " and the store starts empty");
		}
		catch (IOException ex) {
			logger.warn("The Fly token store " + this.file + " was " + reason
					+ " and could not be moved aside; the store starts empty and will overwrite it");
		}
	}

	private void write() throws IOException {
		Path directory = this.file.getParent();
		createDirectory(directory);
		byte[] content = WireJson.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(snapshot());
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
				Files.move(temporary, this.file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			}
			catch (AtomicMoveNotSupportedException ex) {
				Files.move(temporary, this.file, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(temporary);
		}
		syncDirectory(directory);
	}

	private ObjectNode snapshot() {
		ObjectNode root = WireJson.object().put("version", 1);
		ObjectNode apps = root.putObject("apps");
		Map<String, Map<TokenKind, StoredToken>> byApp = new TreeMap<>();
		this.records.forEach((key, record) -> byApp.computeIfAbsent(key.app(), (app) -> new TreeMap<>())
			.put(key.kind(), record));
		byApp.forEach((appName, kinds) -> kinds.forEach((kind, record) -> {
			ObjectNode app = apps.has(appName) ? (ObjectNode) apps.get(appName) : apps.putObject(appName);
			ObjectNode entry = app.putObject(kind.name().toLowerCase(java.util.Locale.ROOT));
			entry.put("token", record.token().reveal());
			if (record.expiresAt() != null) {
				entry.put("expiresAt", record.expiresAt().toString());
			}
		}));
		return root;
	}

	private static void createDirectory(Path directory) throws IOException {
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
	 */
	private void removeStaleTemporaryFiles() {
		Path directory = this.file.getParent();
		if (directory == null || !Files.isDirectory(directory)) {
			return;
		}
		long cutoff = this.clock.millis() - STALE_TEMPORARY_FILE_AGE.toMillis();
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

	private static Path createTemporaryFile(Path directory) throws IOException {
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

	private static boolean isPosix(Path path) {
		return path != null && path.getFileSystem().supportedFileAttributeViews().contains("posix");
	}

	private record Key(String app, TokenKind kind) {
	}

	@Override
	public String toString() {
		return "FileTokenStore[" + this.file + "]";
	}

}
