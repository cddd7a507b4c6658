package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
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
			assertThat(files.map((path) -> path.getFileName().toString())).containsExactly("fly-tokens.json");
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
			assertThat(files.map((path) -> path.getFileName().toString())).singleElement()
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

}
