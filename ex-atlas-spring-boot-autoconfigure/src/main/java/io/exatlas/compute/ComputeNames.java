package io.exatlas.compute;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Generated resource names: a prefix (the ownership marker the reaper relies on) and ten random lower-case letters
 * and digits.
 */
public final class ComputeNames {

	private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

	private static final int SUFFIX_LENGTH = 10;

	private ComputeNames() {
	}

	/**
	 * A new name.
	 * @param prefix the prefix, e.g. {@code atlas-}
	 * @return the prefix followed by ten random characters
	 */
	public static String generate(String prefix) {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		StringBuilder name = new StringBuilder(prefix);
		for (int i = 0; i < SUFFIX_LENGTH; i++) {
			name.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
		}
		return name.toString();
	}

}
