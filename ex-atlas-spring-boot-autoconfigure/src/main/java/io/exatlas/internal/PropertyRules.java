package io.exatlas.internal;

import java.time.Duration;

import io.exatlas.Durations;
import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;
import org.springframework.validation.Errors;

/**
 * Checks of bound {@code exatlas.*} values, for properties classes that validate themselves (Spring Boot runs a
 * properties object that implements {@link org.springframework.validation.Validator} after binding, and reports a
 * rejected value as "Binding to target … failed: Property … Value … Reason …" with the fix in "Action:"). The field
 * names are the Java property paths, e.g. {@code reaper.interval}.
 */
public final class PropertyRules {

	private PropertyRules() {
	}

	/**
	 * A duration greater than zero and at most {@link Durations#LONGEST}; {@code null} passes (an unset optional value).
	 * @param errors where a rejection goes
	 * @param field the property path
	 * @param value the value
	 */
	public static void positive(Errors errors, String field, @Nullable Duration value) {
		if (value == null) {
			return;
		}
		if (value.isNegative() || value.isZero()) {
			errors.rejectValue(field, "exatlas.positive", "must be positive (was " + value + ")");
		}
		else {
			atMostLongest(errors, field, value);
		}
	}

	/**
	 * A duration of zero (which switches the feature off) or more, at most {@link Durations#LONGEST}.
	 * @param errors where a rejection goes
	 * @param field the property path
	 * @param value the value
	 */
	public static void notNegative(Errors errors, String field, @Nullable Duration value) {
		if (value == null) {
			return;
		}
		if (value.isNegative()) {
			errors.rejectValue(field, "exatlas.notNegative", "must not be negative (was " + value + "); 0 switches it off");
		}
		else {
			atMostLongest(errors, field, value);
		}
	}

	/**
	 * A number at least {@code min}; {@code null} passes.
	 * @param errors where a rejection goes
	 * @param field the property path
	 * @param value the value
	 * @param min the smallest accepted value
	 */
	public static void atLeast(Errors errors, String field, @Nullable Number value, long min) {
		if (value != null && value.longValue() < min) {
			errors.rejectValue(field, "exatlas.atLeast", "must be at least " + min + " (was " + value + ")");
		}
	}

	/**
	 * A size greater than zero and at most 2 GB (a buffer is an array); {@code null} passes.
	 * @param errors where a rejection goes
	 * @param field the property path
	 * @param value the value
	 */
	public static void bufferSize(Errors errors, String field, @Nullable DataSize value) {
		if (value != null && (value.toBytes() <= 0 || value.toBytes() > Integer.MAX_VALUE)) {
			errors.rejectValue(field, "exatlas.bufferSize", "must be between 1B and 2GB (was " + value + ")");
		}
	}

	private static void atMostLongest(Errors errors, String field, Duration value) {
		if (!Durations.withinLongest(value)) {
			errors.rejectValue(field, "exatlas.tooLong", "must be at most " + Durations.LONGEST.toDays() + " days (was "
					+ value + ")");
		}
	}

}
