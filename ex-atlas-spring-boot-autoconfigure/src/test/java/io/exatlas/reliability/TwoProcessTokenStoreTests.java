package io.exatlas.reliability;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two JVMs share one token file (the default path, two apps on one host, an overlapping restart): each stores a
 * manual override and {@value #APPS} cached tokens and deletes every tenth, at the same time. Afterwards the file
 * must hold every write of both and none of the deleted records: no process loses the other's writes.
 */
class TwoProcessTokenStoreTests {

	private static final int APPS = 150;

	@TempDir
	Path temp;

	@Test
	void twoProcessesWritingTheSameFileLoseNothing() throws Exception {
		Path file = this.temp.resolve("shared").resolve("fly-tokens.json");
		List<Process> children = new ArrayList<>();
		List<BufferedReader> outputs = new ArrayList<>();
		for (String prefix : List.of("a", "b")) {
			Process child = new ProcessBuilder(javaCommand(file, prefix)).redirectErrorStream(true).start();
			children.add(child);
			BufferedReader output = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
			outputs.add(output);
			assertThat(output.readLine()).isEqualTo("READY");
		}
		for (Process child : children) {
			OutputStream input = child.getOutputStream();
			input.write("GO\n".getBytes(StandardCharsets.UTF_8));
			input.flush();
		}
		for (int i = 0; i < children.size(); i++) {
			assertThat(children.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
			assertThat(outputs.get(i).lines().toList()).as("child output").containsExactly("DONE");
			assertThat(children.get(i).exitValue()).isZero();
		}
		FileTokenStore reopened = new FileTokenStore(file, Clock.systemUTC());
		int writes = 0;
		List<String> lost = new ArrayList<>();
		List<String> resurrected = new ArrayList<>();
		for (String prefix : List.of("a", "b")) {
			writes++;
			if (!reopened.get(prefix + "-manual", TokenKind.MANUAL)
				.map((token) -> token.token().reveal().equals("manual-" + prefix))
				.orElse(false)) {
				lost.add(prefix + "-manual");
			}
			for (int n = 0; n < APPS; n++) {
				StoredToken stored = reopened.get(prefix + "-" + n, TokenKind.CACHED).orElse(null);
				if (n % 10 == 0) {
					if (stored != null) {
						resurrected.add(prefix + "-" + n);
					}
					continue;
				}
				writes++;
				if (stored == null || !stored.token().reveal().equals("tok-" + prefix + "-" + n)) {
					lost.add(prefix + "-" + n);
				}
			}
		}
		System.out.println("Two-process token store: " + writes + " records written by two JVMs, " + lost.size()
				+ " lost, " + resurrected.size() + " deleted records back");
		assertThat(lost).as("records lost").isEmpty();
		assertThat(resurrected).as("deleted records back").isEmpty();
	}

	private static List<String> javaCommand(Path file, String prefix) {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		return List.of(java, "-Xshare:auto", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp",
				System.getProperty("java.class.path"), TokenStoreContender.class.getName(), file.toString(), prefix,
				Integer.toString(APPS));
	}

}
