package io.exatlas.reliability;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.FileTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;

/**
 * A child process of {@link TwoProcessTokenStoreTests}: opens the shared token file, prints {@code READY}, waits for
 * {@code GO} on its standard input, then stores a manual override for {@code <prefix>-manual} and a cached token for
 * each of {@code <prefix>-0} … {@code <prefix>-<count - 1>}, deletes the cached token of every tenth app, and prints
 * {@code DONE}.
 */
public final class TokenStoreContender {

	private TokenStoreContender() {
	}

	/**
	 * Write, then exit.
	 * @param args the token file, the app prefix, the number of apps
	 * @throws IOException when standard input fails
	 */
	public static void main(String[] args) throws IOException {
		FileTokenStore store = new FileTokenStore(Path.of(args[0]), Clock.systemUTC());
		String prefix = args[1];
		int count = Integer.parseInt(args[2]);
		Instant expiry = Instant.parse("2030-01-01T00:00:00Z");
		System.out.println("READY");
		System.out.flush();
		BufferedReader input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
		if (!"GO".equals(input.readLine())) {
			System.exit(2);
		}
		store.put(prefix + "-manual", TokenKind.MANUAL, new StoredToken(Secret.of("manual-" + prefix), null));
		for (int n = 0; n < count; n++) {
			store.put(prefix + "-" + n, TokenKind.CACHED, new StoredToken(Secret.of("tok-" + prefix + "-" + n), expiry));
		}
		for (int n = 0; n < count; n += 10) {
			store.delete(prefix + "-" + n, TokenKind.CACHED);
		}
		System.out.println("DONE");
		System.out.flush();
	}

}
