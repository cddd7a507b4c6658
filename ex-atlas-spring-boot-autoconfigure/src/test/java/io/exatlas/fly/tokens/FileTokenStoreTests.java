package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import io.exatlas.Secret;
import io.exatlas.test.conformance.TokenStoreConformance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

@ExtendWith(OutputCaptureExtension.class)
class FileTokenStoreTests extends TokenStoreConformance {

	@TempDir
	Path temp;

	private Path file() {
		return this.temp.resolve("store").resolve("fly-tokens.json");
	}

	@Override
	protected TokenStore store() {
		return new FileTokenStore(file(), Clock.systemUTC());
	}

	@Override
	protected TokenStore reopen(TokenStore store) {
		return new FileTokenStore(((FileTokenStore) store).file(), Clock.systemUTC());
	}

	@Test
	void theFileIs0600AndTheDirectory0700() throws IOException {
		store().put("app", TokenKind.CACHED, new StoredToken(Secret.of("t"), Instant.now()));
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())))
			.isEqualTo("rwx------");
	}

	@Test
	void writesLeaveNoTemporaryFilesBehind() throws IOException {
		TokenStore store = store();
		for (int i = 0; i < 20; i++) {
			store.put("app-" + i, TokenKind.CACHED, new StoredToken(Secret.of("t" + i), Instant.now()));
		}
		try (Stream<Path> files = Files.list(file().getParent())) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("fly-tokens.json",
					".fly-tokens.json.lock");
		}
	}

	@Test
	void openingDeletesWhatUnfinishedWritesLeftOnlyOnceItIsStale() throws IOException {
		store().put("app", TokenKind.CACHED, new StoredToken(Secret.of("t"), Instant.now()));
		Path directory = file().getParent();
		Path stale = Files.writeString(directory.resolve(".fly-tokens-111.tmp"), "{\"version\":1,");
		Path fresh = Files.writeString(directory.resolve(".fly-tokens-222.tmp"), "{\"version\":1,");
		Path unrelated = Files.writeString(directory.resolve("notes.tmp"), "keep");
		Instant now = Instant.now();
		Files.setLastModifiedTime(stale, FileTime.from(now.minus(Duration.ofMinutes(5))));
		Files.setLastModifiedTime(fresh, FileTime.from(now.minusSeconds(10)));
		Files.setLastModifiedTime(unrelated, FileTime.from(now.minus(Duration.ofDays(1))));
		TokenStore reopened = new FileTokenStore(file(), Clock.fixed(now, ZoneOffset.UTC));
		assertThat(stale).doesNotExist();
		assertThat(fresh).as("a write another process may still be finishing").exists();
		assertThat(unrelated).exists();
		assertThat(reopened.get("app", TokenKind.CACHED)).isPresent();
	}

	@Test
	void concurrentWritersInOneJvmLoseNothing() throws Exception {
		TokenStore store = store();
		List<Thread> writers = java.util.stream.IntStream.range(0, 8).mapToObj((t) -> new Thread(() -> {
			for (int i = 0; i < 25; i++) {
				store.put("app-" + t + "-" + i, TokenKind.CACHED, new StoredToken(Secret.of("v" + i), Instant.now()));
			}
		})).toList();
		writers.forEach(Thread::start);
		for (Thread writer : writers) {
			writer.join();
		}
		TokenStore reopened = reopen(store);
		for (int t = 0; t < 8; t++) {
			for (int i = 0; i < 25; i++) {
				assertThat(reopened.get("app-" + t + "-" + i, TokenKind.CACHED)).isPresent();
			}
		}
	}

	static Stream<byte[]> corruptContents() {
		byte[] random = new byte[512];
		ThreadLocalRandom.current().nextBytes(random);
		return Stream.of(random, "{\"version\":1,\"apps\":{\"a\":{\"cached\":{\"tok".getBytes(StandardCharsets.UTF_8),
				"{\"version\":1,\"apps\":[1,2]}".getBytes(StandardCharsets.UTF_8),
				"{\"apps\":{\"a\":{\"cached\":{\"token\":42}}}}".getBytes(StandardCharsets.UTF_8),
				"{\"apps\":{\"a\":{\"cached\":{\"token\":\"t\",\"expiresAt\":\"yesterday\"}}}}".getBytes(StandardCharsets.UTF_8),
				new byte[0]);
	}

	@ParameterizedTest
	@MethodSource("corruptContents")
	void aCorruptFileIsQuarantinedAndTheStoreKeepsServing(byte[] content, CapturedOutput output) throws IOException {
		Files.createDirectories(file().getParent());
		Files.write(file(), content);
		TokenStore store = store();
		assertThat(store.get("a", TokenKind.CACHED)).isEmpty();
		try (Stream<Path> files = Files.list(file().getParent())) {
			assertThat(files.map((path) -> path.getFileName().toString()).filter((name) -> !name.endsWith(".lock")))
				.singleElement()
				.satisfies((name) -> assertThat(name).startsWith("fly-tokens.json.corrupt-"));
		}
		assertThat(output).contains("moved aside");
		store.put("a", TokenKind.CACHED, new StoredToken(Secret.of("fresh"), Instant.now()));
		assertThat(reopen(store).get("a", TokenKind.CACHED)).isPresent();
	}

	@Test
	void tokensAreNeverLogged(CapturedOutput output) throws IOException {
		Files.createDirectories(file().getParent());
		Files.writeString(file(), "{\"apps\":{\"a\":{\"cached\":{\"token\":\"very-secret-value\",\"expiresAt\":42}}}}");
		store();
		assertThat(output).contains("moved aside").doesNotContain("very-secret-value");
		assertThat(store().toString()).doesNotContain("very-secret-value");
	}

	@Test
	void aManualOverrideWrittenByAnotherProcessIsSeenWithoutARestart() {
		TokenStore first = store();
		TokenStore second = store();
		assertThat(second.get("app", TokenKind.MANUAL)).isEmpty();
		first.put("app", TokenKind.MANUAL, new StoredToken(Secret.of("override"), null));
		assertThat(second.get("app", TokenKind.MANUAL)).hasValueSatisfying(
				(token) -> assertThat(token.token().reveal()).isEqualTo("override"));
		second.put("other", TokenKind.CACHED, new StoredToken(Secret.of("cached"), Instant.now()));
		assertThat(reopen(first).get("app", TokenKind.MANUAL)).as("the other writer kept the override").isPresent();
		first.delete("app", TokenKind.MANUAL);
		assertThat(second.get("app", TokenKind.MANUAL)).isEmpty();
	}

	@Test
	void aDirectoryAtThePathIsReportedAndNeverTouched(CapturedOutput output) throws IOException {
		Path keep = Files.createDirectories(file()).resolve("user-data.txt");
		Files.writeString(keep, "keep me");
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.REFUSED);
		assertThat(store.status().reason()).contains("is a directory");
		assertThat(output).contains(file().toString()).contains("is a directory");
		assertThatIllegalStateException()
			.isThrownBy(() -> store.put("app", TokenKind.CACHED, new StoredToken(Secret.of("t"), Instant.now())))
			.withMessageContaining(file().toString())
			.withMessageContaining("is a directory");
		assertThat(keep).hasContent("keep me");
		try (Stream<Path> files = Files.list(file().getParent())) {
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactly("fly-tokens.json");
		}
	}

	@Test
	void aFifoAtThePathNeverBlocksTheStore() throws Exception {
		Files.createDirectories(file().getParent());
		Process mkfifo = new ProcessBuilder("mkfifo", file().toString()).start();
		assumeTrue(mkfifo.waitFor() == 0, "mkfifo is available");
		FileTokenStore store = assertTimeoutPreemptively(Duration.ofSeconds(30),
				() -> new FileTokenStore(file(), Clock.systemUTC()));
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.REFUSED);
		assertThat(store.status().reason()).contains("not a regular file");
		assertThat(assertTimeoutPreemptively(Duration.ofSeconds(30), () -> store.get("app", TokenKind.CACHED)))
			.isEmpty();
		assertThat(Files.isRegularFile(file(), LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(Files.exists(file(), LinkOption.NOFOLLOW_LINKS)).as("the FIFO is left where it was").isTrue();
	}

	@Test
	void aSymbolicLinkIsNeverFollowed() throws IOException {
		Path planted = Files.writeString(Files.createDirectories(this.temp.resolve("elsewhere")).resolve("t.json"),
				"{\"version\":1,\"apps\":{\"app\":{\"manual\":{\"token\":\"planted\"}}}}");
		Files.createDirectories(file().getParent());
		Files.createSymbolicLink(file(), planted);
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.get("app", TokenKind.MANUAL)).isEmpty();
		assertThat(store.status().reason()).contains("symbolic link");
		assertThat(Files.isSymbolicLink(file())).isTrue();
	}

	@Test
	void aFileWritableByOtherUsersIsNeverReadAndIsMovedAside(CapturedOutput output) throws IOException {
		store().put("app", TokenKind.MANUAL, new StoredToken(Secret.of("planted"), null));
		Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.get("app", TokenKind.MANUAL)).isEmpty();
		assertThat(output).contains("writable by other users").contains("moved aside");
		try (Stream<Path> files = Files.list(file().getParent())) {
			List<Path> aside = files.filter((path) -> path.getFileName().toString().startsWith("fly-tokens.json.untrusted-"))
				.toList();
			assertThat(aside).singleElement()
				.satisfies((path) -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(path)))
					.isEqualTo("rw-------"));
		}
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.WRITABLE);
	}

	@Test
	void aFileReadableByOtherUsersIsTightenedWithAWarningAndStillRead(CapturedOutput output) throws IOException {
		store().put("app", TokenKind.MANUAL, new StoredToken(Secret.of("mine"), null));
		Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.get("app", TokenKind.MANUAL)).isPresent();
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file()))).isEqualTo("rw-------");
		assertThat(output).contains("had mode rw-r--r--").contains("was set to rw-------");
	}

	@Test
	void aFileOwnedByAnotherUserIsNeverRead() throws IOException {
		store().put("app", TokenKind.MANUAL, new StoredToken(Secret.of("planted"), null));
		UserPrincipal nobody;
		try {
			nobody = file().getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
			Files.setOwner(file(), nobody);
		}
		catch (IOException ex) {
			assumeTrue(false, "changing a file's owner needs root: " + ex);
			return;
		}
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.get("app", TokenKind.MANUAL)).isEmpty();
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.REFUSED);
		assertThat(store.status().reason()).contains("owned by nobody");
		assertThat(Files.getOwner(file())).as("left as it was").isEqualTo(nobody);
	}

	@Test
	void anUnwritableStoreIsReportedAtStartUpWithItsPathAndCauseUntilAWriteSucceeds(CapturedOutput output)
			throws IOException {
		Path blocker = Files.writeString(this.temp.resolve("store"), "a file where the directory should be");
		FileTokenStore store = new FileTokenStore(file(), Clock.systemUTC());
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.NOT_WRITABLE);
		assertThat(store.status().reason()).isNotBlank();
		assertThat(output).contains("The Fly token store " + file() + " is not writable (")
			.contains("kept in memory only");
		assertThatIllegalStateException()
			.isThrownBy(() -> store.put("app", TokenKind.CACHED, new StoredToken(Secret.of("t"), Instant.now())))
			.withMessageContaining(file().toString());
		Files.delete(blocker);
		store.put("app", TokenKind.CACHED, new StoredToken(Secret.of("t"), Instant.now()));
		assertThat(store.status().state()).isEqualTo(FileTokenStore.State.WRITABLE);
		assertThat(output).contains("is writable again");
	}

}
