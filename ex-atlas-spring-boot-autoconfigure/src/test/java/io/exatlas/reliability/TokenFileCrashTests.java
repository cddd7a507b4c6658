package io.exatlas.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The file token store survives its process being killed with SIGKILL at random points while it writes: over many
 * rounds, a child JVM writes as fast as it can and is killed; after each kill the file must open without being
 * quarantined, hold every put that returned before the kill (or the one write in flight, which may have landed),
 * keep mode 0600 in a 0700 directory, and the next open must clean up what unfinished writes left behind.
 */
class TokenFileCrashTests {

	private static final int ROUNDS = Integer.getInteger("exatlas.crash-rounds", 200);

	private static final int APPS = 20;

	@TempDir
	Path temp;

	@Test
	void everyAcknowledgedPutSurvivesASigkillAtARandomPoint() throws Exception {
		Path directory = this.temp.resolve("store");
		Path file = directory.resolve("fly-tokens.json");
		Random random = new Random(20261125);
		Map<String, String> onDisk = new HashMap<>();
		int totalAcknowledged = 0;
		for (int round = 0; round < ROUNDS; round++) {
			String name = Integer.toString(round);
			Process child = new ProcessBuilder(javaCommand(file, name)).redirectErrorStream(true).start();
			AtomicInteger lastAck = new AtomicInteger(-1);
			Thread reader = readAcks(child, lastAck);
			long killAfterMillis = random.nextInt(120);
			awaitFirstAck(child, lastAck);
			Thread.sleep(killAfterMillis);
			// SIGKILL through the process handle: Process.destroyForcibly would also close our end of the child's
			// stdout and lose the acknowledgements still in the pipe.
			assertThat(child.toHandle().destroyForcibly()).isTrue();
			assertThat(child.waitFor(30, TimeUnit.SECONDS)).isTrue();
			reader.join(10_000);
			int acknowledged = lastAck.get();
			totalAcknowledged += acknowledged + 1;
			FileTokenStore reopened = new FileTokenStore(file, Clock.systemUTC());
			for (int n = Math.max(0, acknowledged - APPS + 1); n <= acknowledged; n++) {
				onDisk.put(TokenFileWriter.app(n, APPS), TokenFileWriter.token(name, n));
			}
			int inFlight = acknowledged + 1;
			for (Map.Entry<String, String> expected : onDisk.entrySet()) {
				StoredToken stored = reopened.get(expected.getKey(), TokenKind.CACHED).orElse(null);
				assertThat(stored).as("round %d, %s", round, expected.getKey()).isNotNull();
				String actual = stored.token().reveal();
				boolean landedInFlightWrite = expected.getKey().equals(TokenFileWriter.app(inFlight, APPS))
						&& actual.equals(TokenFileWriter.token(name, inFlight));
				assertThat(actual.equals(expected.getValue()) || landedInFlightWrite)
					.as("round %d, %s holds %s, expected %s", round, expected.getKey(), actual, expected.getValue())
					.isTrue();
				onDisk.put(expected.getKey(), actual);
			}
			assertThat(quarantined(directory)).as("quarantined files after round %d", round).isEmpty();
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
			assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(directory))).isEqualTo("rwx------");
		}
		assertThat(totalAcknowledged).as("puts acknowledged over all rounds").isGreaterThan(ROUNDS);
		System.out.println("Token file crash harness: " + ROUNDS + " SIGKILLs, " + totalAcknowledged
				+ " acknowledged puts, none lost, no file quarantined");
		Clock aMinuteLater = Clock.offset(Clock.systemUTC(), Duration.ofMinutes(2));
		new FileTokenStore(file, aMinuteLater);
		try (Stream<Path> left = Files.list(directory)) {
			assertThat(left.map((path) -> path.getFileName().toString())).containsExactlyInAnyOrder("fly-tokens.json",
					".fly-tokens.json.lock");
		}
	}

	private static List<String> javaCommand(Path file, String round) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), TokenFileWriter.class.getName(), file.toString(), round,
				Integer.toString(APPS));
	}

	private static Thread readAcks(Process child, AtomicInteger lastAck) {
		Thread reader = new Thread(() -> {
			try (BufferedReader lines = new BufferedReader(
					new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = lines.readLine()) != null) {
					if (line.matches("ACK \\d+")) {
						lastAck.set(Integer.parseInt(line.substring(4)));
					}
				}
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}, "token-file-writer-output");
		reader.start();
		return reader;
	}

	private static void awaitFirstAck(Process child, AtomicInteger lastAck) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (lastAck.get() < 0 && child.isAlive() && System.nanoTime() < deadline) {
			Thread.sleep(2);
		}
		assertThat(child.isAlive()).as("the writer is running").isTrue();
	}

	private static List<String> quarantined(Path directory) throws IOException {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((path) -> path.getFileName().toString()).filter((name) -> name.contains(".corrupt-")).toList();
		}
	}

}
