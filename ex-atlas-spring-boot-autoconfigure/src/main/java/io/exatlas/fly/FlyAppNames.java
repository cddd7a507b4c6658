package io.exatlas.fly;

import java.util.regex.Pattern;

import io.exatlas.ExAtlasException;
import io.exatlas.internal.UserInput;

/**
 * Fly app names: lower-case letters, digits and dashes, starting with a letter or digit, at most 63 characters.
 * Checking them before they reach a URL, a file or a CLI argument keeps path and argument injection out.
 */
public final class FlyAppNames {

	private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

	private FlyAppNames() {
	}

	/**
	 * Whether a name is a valid Fly app name.
	 * @param app the name
	 * @return whether it is valid
	 */
	public static boolean isValid(String app) {
		return app != null && VALID.matcher(app).matches();
	}

	/**
	 * Check a name.
	 * @param app the name
	 * @return the name
	 * @throws ExAtlasException of kind {@code VALIDATION} when it is not a valid Fly app name
	 */
	public static String requireValid(String app) {
		if (!isValid(app)) {
			throw ExAtlasException.validation("fly", "'" + UserInput.printable(app)
					+ "' is not a Fly app name (lower-case letters, digits and dashes, at most 63 characters)");
		}
		return app;
	}

}
