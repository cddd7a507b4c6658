package io.exatlas.internal;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

import org.jspecify.annotations.Nullable;

/**
 * Parses RFC 3339 timestamps as {@link OffsetDateTime#parse(CharSequence)} does, with a fast path for the shape
 * clouds send ({@code 2026-11-24T10:00:00.123456789Z}, {@code 2026-11-24T10:00:00+05:30}): log pages carry one per
 * entry, and the formatter-based parser costs several times the JSON parsing around it. Anything the fast path does
 * not recognise goes to {@code OffsetDateTime.parse}, so both accept and reject the same strings.
 */
public final class Rfc3339 {

	private static final int MAX_FRACTION_DIGITS = 9;

	/** {@link java.time.ZoneOffset#MAX}: 18 hours. */
	private static final int MAX_OFFSET_SECONDS = 18 * 3600;

	private Rfc3339() {
	}

	/**
	 * Parse a timestamp.
	 * @param text the text
	 * @return the instant, or {@code null} when it is not a valid RFC 3339 timestamp with an offset
	 */
	public static @Nullable Instant parse(String text) {
		int length = text.length();
		if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
				|| text.charAt(13) != ':' || text.charAt(16) != ':') {
			return slowPath(text);
		}
		int year = digits(text, 0, 4);
		int month = digits(text, 5, 2);
		int day = digits(text, 8, 2);
		int hour = digits(text, 11, 2);
		int minute = digits(text, 14, 2);
		int second = digits(text, 17, 2);
		if (year < 0 || month < 1 || month > 12 || day < 1 || hour < 0 || hour > 23 || minute < 0 || minute > 59
				|| second < 0 || second > 59) {
			return slowPath(text);
		}
		int position = 19;
		int nanos = 0;
		if (text.charAt(position) == '.') {
			int start = ++position;
			while (position < length && isDigit(text.charAt(position))) {
				position++;
			}
			int count = position - start;
			if (count == 0 || count > MAX_FRACTION_DIGITS) {
				return slowPath(text);
			}
			nanos = digits(text, start, count);
			for (int i = count; i < MAX_FRACTION_DIGITS; i++) {
				nanos *= 10;
			}
		}
		int offsetSeconds;
		if (position == length - 1 && text.charAt(position) == 'Z') {
			offsetSeconds = 0;
		}
		else if (position == length - 6 && (text.charAt(position) == '+' || text.charAt(position) == '-')
				&& text.charAt(position + 3) == ':') {
			int offsetHours = digits(text, position + 1, 2);
			int offsetMinutes = digits(text, position + 4, 2);
			if (offsetHours < 0 || offsetMinutes < 0 || offsetMinutes > 59
					|| offsetHours * 3600 + offsetMinutes * 60 > MAX_OFFSET_SECONDS) {
				return slowPath(text);
			}
			offsetSeconds = (offsetHours * 3600 + offsetMinutes * 60) * ((text.charAt(position) == '-') ? -1 : 1);
		}
		else {
			return slowPath(text);
		}
		try {
			long epochDay = LocalDate.of(year, month, day).toEpochDay();
			return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3600L + minute * 60L + second - offsetSeconds,
					nanos);
		}
		catch (DateTimeException ex) {
			return slowPath(text);
		}
	}

	private static @Nullable Instant slowPath(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The decimal value of {@code count} ASCII digits from {@code start}, or -1 when one is not a digit. */
	private static int digits(String text, int start, int count) {
		int value = 0;
		for (int i = start; i < start + count; i++) {
			char c = text.charAt(i);
			if (!isDigit(c)) {
				return -1;
			}
			value = value * 10 + (c - '0');
		}
		return value;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}

}
