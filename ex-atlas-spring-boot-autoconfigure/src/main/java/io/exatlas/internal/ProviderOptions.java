package io.exatlas.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

/**
 * Typed reads of a request's provider options, which arrive as whatever the caller's JSON or YAML held: a value of
 * the wrong shape is a {@code VALIDATION} error naming the option and the shape expected, never a
 * {@code ClassCastException} and never silently dropped. Not API.
 */
public final class ProviderOptions {

	private ProviderOptions() {
	}

	/**
	 * A text option.
	 * @param options the request's provider options
	 * @param provider the provider id (for the error)
	 * @param name the option
	 * @param what what the text is, for the error, e.g. {@code "a cloud-init document"}
	 * @return the text, or {@code null} when unset
	 * @throws ExAtlasException of kind {@code VALIDATION} when the value is not a string
	 */
	public static @Nullable String text(Map<String, Object> options, String provider, String name, String what) {
		Object value = options.get(name);
		if (value == null || value instanceof String) {
			return (String) value;
		}
		throw wrongShape(provider, name, "a string (" + what + ")", value);
	}

	/**
	 * An object option (a JSON object, a YAML mapping).
	 * @param options the request's provider options
	 * @param provider the provider id (for the error)
	 * @param name the option
	 * @return its entries with the keys as strings, in order; empty when unset
	 * @throws ExAtlasException of kind {@code VALIDATION} when the value is not a map
	 */
	public static Map<String, Object> object(Map<String, Object> options, String provider, String name) {
		Object value = options.get(name);
		if (value == null) {
			return Map.of();
		}
		if (value instanceof Map<?, ?> map) {
			Map<String, Object> entries = new LinkedHashMap<>();
			map.forEach((key, entry) -> entries.put(String.valueOf(key), entry));
			return entries;
		}
		throw wrongShape(provider, name, "an object", value);
	}

	private static ExAtlasException wrongShape(String provider, String name, String expected, Object value) {
		return ExAtlasException.validation(provider, "provider option '" + name + "' must be " + expected + ", was "
				+ shape(value));
	}

	private static String shape(Object value) {
		if (value instanceof Map<?, ?>) {
			return "an object";
		}
		if (value instanceof Iterable<?> || value.getClass().isArray()) {
			return "a list";
		}
		if (value instanceof Number) {
			return "a number";
		}
		if (value instanceof Boolean) {
			return "a boolean";
		}
		return "a " + value.getClass().getSimpleName();
	}

}
