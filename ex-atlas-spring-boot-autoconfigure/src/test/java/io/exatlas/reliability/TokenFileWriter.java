package io.exatlas.reliability;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;

/**
 * The child process of {@link TokenFileCrashTests}: opens the token file and writes to it as fast as it can, token
 * {@code <round>-<n>} for app {@code app-<n % apps>}, printing {@code ACK <n>} once each put returned, until it is
 * killed.
 */
public final class TokenFileWriter {

	private TokenFileWriter() {
	}

	/**
	 * Write until killed.
	 * @param args the token file, the round, the number of apps
	 */
	public static void main(String[] args) {
		FileTokenStore store = new FileTokenStore(Path.of(args[0]), Clock.systemUTC());
		String round = args[1];
		int apps = Integer.parseInt(args[2]);
		Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
		System.out.println("READY");
		System.out.flush();
		for (int n = 0;; n++) {
			store.put(app(n, apps), TokenKind.CACHED, new StoredToken(Secret.of(token(round, n)), expiry));
			System.out.println("ACK " + n);
			System.out.flush();
		}
	}

	static String app(int n, int apps) {
		return "app-" + (n % apps);
	}

	static String token(String round, int n) {
		return "tok-" + round + "-" + n;
	}

}
