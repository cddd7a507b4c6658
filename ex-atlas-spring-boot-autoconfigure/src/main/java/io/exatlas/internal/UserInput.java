package io.exatlas.internal;

/**
 * Quoting of caller-supplied names and paths in messages: control and non-ASCII characters become {@code ?} and long
 * values are cut, so that an error message can never forge log lines or carry a megabyte of input.
 */
public final class UserInput {

	private static final int MAX_SHOWN = 80;

	private UserInput() {
	}

	/**
	 * The value as it may appear in a message.
	 * @param value the caller's value, possibly {@code null}
	 * @return printable ASCII, at most 80 characters and an ellipsis
	 */
	public static String printable(Object value) {
		if (value == null) {
			return "null";
		}
		String shown = value.toString().replaceAll("[^\\x20-\\x7E]", "?");
		return (shown.length() > MAX_SHOWN) ? shown.substring(0, MAX_SHOWN) + "…" : shown;
	}

}
