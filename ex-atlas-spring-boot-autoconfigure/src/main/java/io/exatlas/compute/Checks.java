package io.exatlas.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.exatlas.Durations;
import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;

/**
 * Input checks shared by the request records; every failure is an {@code ExAtlasException} of kind VALIDATION.
 */
final class Checks {

	private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

	private Checks() {
	}

	static @Nullable String notBlankIfPresent(@Nullable String value, String field) {
		if (value != null && value.isBlank()) {
			throw ExAtlasException.validation(field + " must not be blank");
		}
		return value;
	}

	static String required(@Nullable String value, String field) {
		if (value == null || value.isBlank()) {
			throw ExAtlasException.validation(field + " is required");
		}
		return value;
	}

	static @Nullable Integer notNegative(@Nullable Integer value, String field) {
		if (value != null && value < 0) {
			throw ExAtlasException.validation(field + " must not be negative, was " + value);
		}
		return value;
	}

	static @Nullable Duration positive(@Nullable Duration value, String field) {
		if (value != null && (value.isNegative() || value.isZero())) {
			throw ExAtlasException.validation(field + " must be positive, was " + value);
		}
		if (value != null && !Durations.withinLongest(value)) {
			throw ExAtlasException.validation(field + " must be at most " + Durations.LONGEST.toDays() + " days, was "
					+ value);
		}
		return value;
	}

	static List<String> strings(@Nullable List<String> values, String field) {
		if (values == null) {
			return List.of();
		}
		for (String value : values) {
			if (value == null || value.isBlank()) {
				throw ExAtlasException.validation(field + " must not contain blank entries");
			}
		}
		return List.copyOf(values);
	}

	static Map<String, String> environment(@Nullable Map<String, String> env) {
		if (env == null || env.isEmpty()) {
			return Map.of();
		}
		Map<String, String> copy = new LinkedHashMap<>();
		env.forEach((name, value) -> {
			if (name == null || !ENV_NAME.matcher(name).matches()) {
				throw ExAtlasException.validation("env name '" + name + "' is not a valid variable name");
			}
			if (value == null) {
				throw ExAtlasException.validation("env " + name + " has no value");
			}
			copy.put(name, value);
		});
		return Collections.unmodifiableMap(copy);
	}

	static Map<String, Object> options(@Nullable Map<String, ?> options, String field) {
		if (options == null || options.isEmpty()) {
			return Map.of();
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		options.forEach((key, value) -> {
			if (key == null || key.isBlank()) {
				throw ExAtlasException.validation(field + " keys must not be blank");
			}
			copy.put(key, value);
		});
		return Collections.unmodifiableMap(copy);
	}

	static <T> List<T> list(@Nullable List<T> values) {
		return (values != null) ? Collections.unmodifiableList(new ArrayList<>(values)) : List.of();
	}

}
