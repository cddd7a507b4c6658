package io.exatlas.fly.tokens;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import io.exatlas.Secret;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * flyctl's {@code config.yml} is read only when it changed, never blocks on a special file, is bounded in size, and
 * says at WARN why it was skipped.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlyConfigFileTests {

	@TempDir
	Path temp;

	@Test
	void itIsReadAgainOnlyWhenItsModificationTimeOrSizeChanged() throws IOException {
		Path config = this.temp.resolve("config.yml");
		FileTime time = FileTime.from(Instant.parse("2026-11-01T00:00:00Z"));
		Files.writeString(config, "access_token: fm2_aaaa\n");
		Files.setLastModifiedTime(config, time);
		FlyConfigFile file = new FlyConfigFile(config);
		assertThat(file.accessToken()).map(Secret::reveal).hasValue("fm2_aaaa");
		Files.writeString(config, "access_token: fm2_bbbb\n");
		Files.setLastModifiedTime(config, time);
		assertThat(file.accessToken()).as("same time and size: not read again").map(Secret::reveal).hasValue("fm2_aaaa");
		Files.setLastModifiedTime(config, FileTime.from(time.toInstant().plusSeconds(1)));
		assertThat(file.accessToken()).map(Secret::reveal).hasValue("fm2_bbbb");
		Files.delete(config);
		assertThat(file.accessToken()).isEmpty();
	}

	@Test
	void aDirectoryOrAFifoIsSkippedWithoutBlocking(CapturedOutput output) throws Exception {
		Path directory = Files.createDirectory(this.temp.resolve("config.yml"));
		assertThat(new FlyConfigFile(directory).accessToken()).isEmpty();
		assertThat(output).contains("Skipping flyctl's config file", "not a regular file");
		Path fifo = this.temp.resolve("fifo.yml");
		Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
		if (mkfifo.waitFor() == 0) {
			assertTimeoutPreemptively(Duration.ofSeconds(10),
					() -> assertThat(new FlyConfigFile(fifo).accessToken()).isEmpty());
		}
	}

	@Test
	void anOversizedOrUnparseableFileIsSkippedAtWarn(CapturedOutput output) throws IOException {
		Path huge = this.temp.resolve("huge.yml");
		Files.writeString(huge, "access_token: fm2_x\n# " + "x".repeat((int) FlyConfigFile.MAX_SIZE) + "\n");
		assertThat(new FlyConfigFile(huge).accessToken()).isEmpty();
		assertThat(output).contains("larger than " + FlyConfigFile.MAX_SIZE + " bytes");
		Path broken = this.temp.resolve("broken.yml");
		Files.writeString(broken, "access_token: [unterminated\n");
		assertThat(new FlyConfigFile(broken).accessToken()).isEmpty();
		assertThat(output).contains("cannot be read as YAML").doesNotContain("fm2_x");
	}

}
