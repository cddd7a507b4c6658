package io.exatlas.sample;

import org.jspecify.annotations.Nullable;

/**
 * Caller input as it may appear in a log line: control characters (CR, LF, escape sequences) replaced, so that a
 * user id cannot forge a log line, and cut to 80 characters.
 */
final class Printable {

	private static final int LIMIT = 80;

	private Printable() {
	}

	static String of(@Nullable String text) {
		if (text == null) {
			return "null";
		}
		StringBuilder printable = new StringBuilder(Math.min(text.length(), LIMIT));
		text.codePoints().limit(LIMIT).forEach((c) -> printable.appendCodePoint(Character.isISOControl(c) ? '?' : c));
		return (text.codePointCount(0, text.length()) > LIMIT) ? printable + "…" : printable.toString();
	}

}
