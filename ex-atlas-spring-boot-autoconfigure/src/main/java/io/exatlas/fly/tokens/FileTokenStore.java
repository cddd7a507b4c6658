package io.exatlas.fly.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

import io.exatlas.fly.tokens.TokenFileFormat.Key;
import io.exatlas.fly.tokens.TokenFileInspection.Verdict;
import io.exatlas.internal.WireJson;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;

/**
 * A {@link TokenStore} in one JSON file, safe to share between processes (two applications on one host, an
 * overlapping restart).
 * <ul>
 * <li><b>Writes</b> take a lock (a JVM-wide lock per path, then an advisory lock on the sibling
 * {@code .<name>.lock}), read the file again, apply the change to what they read and replace the file atomically
 * (temporary file in the same directory, fsync, rename, fsync of the directory), so a crash leaves the old or the new
 * file, never a torn one, and no process loses another's writes.</li>
 * <li><b>Reads</b> are served from memory and read the file again whenever it changed (file key, modification time
 * or size), so another process's manual override is seen without a restart.</li>
 * <li><b>Trust.</b> The file is created with mode 0600, a directory the store creates with 0700. An existing file
 * readable by other users is tightened to 0600 with a warning; one writable by other users is never read (someone
 * could have planted a token): it is moved aside as {@code <name>.untrusted-<millis>} and the store starts empty. A
 * directory, symbolic link, FIFO, device or a file owned by another user at the path is never read, written or
 * moved: the store keeps tokens in memory only and says why in {@link #status()}.</li>
 * <li><b>Start-up</b> checks that the directory is writable and logs one warning with the path and the cause when it
 * is not; {@link #status()} reports it (for a health indicator) until a write succeeds.</li>
 * <li>A file that is not JSON of the expected shape is moved aside as {@code <name>.corrupt-<millis>}, logged
 * without its content, and the store starts empty.</li>
 * </ul>
 * Tokens are stored in plain text, protected by the file mode only.
 */
public class FileTokenStore implements TokenStore {

	private static final Log logger = LogFactory.getLog(FileTokenStore.class);

	private static final int MAX_SIZE = 16 * 1024 * 1024;

	private final Path file;

	private final Clock clock;

	private final TokenFileLock lock;

	private final @Nullable UserPrincipal user;

	private volatile Map<Key, StoredToken> records = Map.of();

	private volatile @Nullable Object loadedSignature;

	private volatile Status status;

	/**
	 * Open (or create) the store: inspect what is at the path, read it, and check that the directory is writable.
	 * Never fails: a problem is logged once and reported by {@link #status()}.
	 * @param file the JSON file
	 * @param clock names files moved aside
	 */
	public FileTokenStore(Path file, Clock clock) {
		this.file = file.toAbsolutePath();
		this.clock = clock;
		this.lock = new TokenFileLock(this.file, TokenFiles.isPosix(this.file));
		this.user = currentUser(this.file);
		this.status = open();
		TokenFiles.removeStaleTemporaryFiles(this.file, clock);
	}

	/**
	 * The file backing this store.
	 * @return the path
	 */
	public Path file() {
		return this.file;
	}

	/**
	 * Whether the store can keep tokens on disk, and if not, where and why.
	 * @return the status after the last start-up check or write
	 */
	public Status status() {
		return this.status;
	}

	@Override
	public Optional<StoredToken> get(String app, TokenKind kind) {
		if (this.status.state() != State.REFUSED) {
			reloadIfChanged();
		}
		return Optional.ofNullable(this.records.get(new Key(app, kind)));
	}

	@Override
	public void put(String app, TokenKind kind, StoredToken token) {
		Key key = new Key(app, kind);
		update((records) -> !token.equals(records.put(key, token)));
	}

	@Override
	public void delete(String app, TokenKind kind) {
		Key key = new Key(app, kind);
		update((records) -> records.remove(key) != null);
	}

	/**
	 * Apply a change under the lock to the file as it is now, and write it.
	 * @param change changes the map; true when it changed something
	 */
	private void update(Predicate<Map<Key, StoredToken>> change) {
		Status current = this.status;
		if (current.state() == State.REFUSED) {
			throw new IllegalStateException("the Fly token store " + this.file + " is not used: " + current.reason());
		}
		try {
			TokenFiles.createDirectory(this.file.getParent());
			this.lock.run(() -> {
				TokenFileInspection inspection = TokenFileInspection.inspect(this.file, this.user);
				if (inspection.verdict() == Verdict.REFUSED) {
					throw new IOException("it " + inspection.reason());
				}
				synchronized (this) {
					reload(inspection);
					Map<Key, StoredToken> next = new HashMap<>(this.records);
					if (change.test(next)) {
						TokenFiles.replace(this.file, WireJson.mapper()
							.writerWithDefaultPrettyPrinter()
							.writeValueAsBytes(TokenFileFormat.render(next)));
						this.records = Map.copyOf(next);
						this.loadedSignature = TokenFileInspection.signatureOf(this.file);
					}
				}
			});
			if (current.state() != State.WRITABLE) {
				logger.info("The Fly token store " + this.file + " is writable again");
			}
			this.status = new Status(this.file, State.WRITABLE, null);
		}
		catch (IOException | RuntimeException ex) {
			String cause = describe(ex);
			this.status = new Status(this.file, State.NOT_WRITABLE, cause);
			throw new IllegalStateException("could not write the Fly token store " + this.file + ": " + cause, ex);
		}
	}

	private Status open() {
		TokenFileInspection inspection = TokenFileInspection.inspect(this.file, this.user);
		if (inspection.verdict() == Verdict.REFUSED) {
			logger.warn("The Fly token store " + this.file + " " + inspection.reason()
					+ "; it is left as it is and Fly tokens are kept in memory only");
			return new Status(this.file, State.REFUSED, "it " + inspection.reason());
		}
		synchronized (this) {
			reload(inspection);
		}
		try {
			TokenFiles.createDirectory(this.file.getParent());
			this.lock.run(() -> Files.delete(TokenFiles.createTemporaryFile(this.file.getParent())));
			return new Status(this.file, State.WRITABLE, null);
		}
		catch (IOException | RuntimeException ex) {
			String cause = describe(ex);
			logger.warn("The Fly token store " + this.file + " is not writable (" + cause
					+ "); Fly tokens are kept in memory only and acquired again after a restart");
			return new Status(this.file, State.NOT_WRITABLE, cause);
		}
	}

	private void reloadIfChanged() {
		Object signature = TokenFileInspection.signatureOf(this.file);
		if (Objects.equals(signature, this.loadedSignature)) {
			return;
		}
		synchronized (this) {
			if (!Objects.equals(TokenFileInspection.signatureOf(this.file), this.loadedSignature)) {
				reload(TokenFileInspection.inspect(this.file, this.user));
			}
		}
	}

	/**
	 * Replace what is in memory with what the file holds now. Called under the instance's monitor or the file lock.
	 * @param inspection what is at the path
	 */
	private void reload(TokenFileInspection inspection) {
		this.loadedSignature = inspection.signature();
		switch (inspection.verdict()) {
			case ABSENT -> this.records = Map.of();
			case REFUSED -> {
				logger.warn("The Fly token store " + this.file + " " + inspection.reason() + "; its tokens are not used");
				this.records = Map.of();
			}
			case UNTRUSTED -> {
				this.records = Map.of();
				moveAside("untrusted", inspection.reason());
				this.loadedSignature = TokenFileInspection.signatureOf(this.file);
			}
			case TIGHTEN -> {
				tighten(inspection.reason());
				this.records = read();
			}
			case TRUSTED -> this.records = read();
		}
	}

	private void tighten(@Nullable String reason) {
		try {
			Files.setPosixFilePermissions(this.file, TokenFiles.FILE_MODE);
			logger.warn("The Fly token store " + this.file + " " + reason + "; its mode was set to rw-------");
		}
		catch (IOException ex) {
			logger.warn("The Fly token store " + this.file + " " + reason + " and its mode could not be tightened ("
					+ ex.getClass().getSimpleName() + ")");
		}
	}

	private Map<Key, StoredToken> read() {
		byte[] content;
		try (InputStream input = Files.newInputStream(this.file, LinkOption.NOFOLLOW_LINKS)) {
			content = input.readNBytes(MAX_SIZE + 1);
		}
		catch (NoSuchFileException ex) {
			return Map.of();
		}
		catch (IOException ex) {
			moveAside("corrupt", "was unreadable (" + ex.getClass().getSimpleName() + ")");
			return Map.of();
		}
		if (content.length > MAX_SIZE) {
			moveAside("corrupt", "was larger than " + (MAX_SIZE >> 20) + " MB");
			return Map.of();
		}
		try {
			return TokenFileFormat.parse(WireJson.mapper().readTree(content));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			moveAside("corrupt", "was not a token store file (" + ex.getClass().getSimpleName() + ")");
			return Map.of();
		}
	}

	private void moveAside(String label, @Nullable String reason) {
		Path aside = this.file.resolveSibling(this.file.getFileName() + "." + label + "-" + this.clock.millis());
		try {
			Files.move(this.file, aside, StandardCopyOption.REPLACE_EXISTING);
			if (TokenFiles.isPosix(aside)) {
				Files.setPosixFilePermissions(aside, TokenFiles.FILE_MODE);
			}
			logger.warn("The Fly token store " + this.file + " " + reason + "; it was moved aside to " + aside
					+ " and the store starts empty");
		}
		catch (IOException ex) {
			logger.warn("The Fly token store " + this.file + " " + reason
					+ " and could not be moved aside; the store starts empty and will overwrite it");
		}
	}

	private static String describe(Throwable ex) {
		Throwable cause = (ex instanceof IllegalStateException && ex.getCause() != null) ? ex.getCause() : ex;
		String message = cause.getMessage();
		return cause.getClass().getSimpleName() + ((message != null) ? ": " + message : "");
	}

	private static @Nullable UserPrincipal currentUser(Path file) {
		if (!TokenFiles.isPosix(file)) {
			return null;
		}
		try {
			return file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(
					System.getProperty("user.name"));
		}
		catch (IOException | RuntimeException ex) {
			logger.debug("The user running this application has no name the file system knows; the owner of the "
					+ "Fly token store is not checked");
			return null;
		}
	}

	/** Where a store keeps its tokens. */
	public enum State {

		/** On disk. */
		WRITABLE,

		/** In memory only: the last start-up check or write failed; {@link Status#reason()} says why. */
		NOT_WRITABLE,

		/**
		 * In memory only, for the life of the store: something at the path that the store must not read, write or
		 * move (a directory, link, FIFO, device, another user's file).
		 */
		REFUSED

	}

	/**
	 * A store's status, for logs and health indicators; holds paths and causes, never a token.
	 * @param file the store's file
	 * @param state where tokens are kept
	 * @param reason why not on disk, {@code null} when {@link State#WRITABLE}
	 */
	public record Status(Path file, State state, @Nullable String reason) {
	}

	@Override
	public String toString() {
		return "FileTokenStore[" + this.file + "]";
	}

}
