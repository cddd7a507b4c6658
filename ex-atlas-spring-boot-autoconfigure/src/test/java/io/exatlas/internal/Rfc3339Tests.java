package io.exatlas.internal;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class Rfc3339Tests {

	@Test
	void agreesWithOffsetDateTimeOnRandomTimestampsOfEveryShape() {
		Random random = new Random(20261124);
		List<String> samples = new ArrayList<>();
		for (int i = 0; i < 50_000; i++) {
			long seconds = random.nextLong(-62_135_596_800L, 253_402_300_799L);
			int nanos = random.nextInt(1_000_000_000);
			ZoneOffset offset = ZoneOffset.ofTotalSeconds(random.nextInt(-18 * 60, 18 * 60 + 1) * 60);
			String text = OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset).toString();
			samples.add(text);
			samples.add(mutate(text, random));
		}
		for (String sample : samples) {
			assertThat(Rfc3339.parse(sample)).as(sample).isEqualTo(reference(sample));
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-11-24T10:00:00Z", "2026-11-24T10:00:00.1Z", "2026-11-24T10:00:00.123456789Z",
			"2026-11-24T10:00:00.1234567890Z", "2026-11-24T10:00:00+05:30", "2026-11-24T10:00:00-00:00",
			"2026-11-24t10:00:00z", "2026-11-24T10:00:00+05:30:15", "2026-11-24T10:00:00+19:00", "2026-11-24T10:00:00+18:01", "2026-11-24T10:00:00-18:00",
			"2026-02-29T10:00:00Z", "2024-02-29T10:00:00Z", "2026-11-24T24:00:00Z", "2026-11-24T23:59:60Z",
			"2026-11-24T10:00Z", "2026-11-24T10:00:00", "2026-11-24T10:00:00.Z", "+12026-11-24T10:00:00Z",
			"2026-13-01T00:00:00Z", "2026-11-31T00:00:00Z", "2026-1a-24T10:00:00Z", "２０２６-11-24T10:00:00Z",
			"2026-11-24T10:00:00.１Z", "", "not a timestamp", "2026-11-24T10:00:00Zjunk" })
	void agreesWithOffsetDateTimeOnEdgeCases(String text) {
		assertThat(Rfc3339.parse(text)).isEqualTo(reference(text));
	}

	@Test
	void parsesTheShapesCloudsSend() {
		assertThat(Rfc3339.parse("2026-11-24T10:00:00.123456789Z"))
			.isEqualTo(Instant.parse("2026-11-24T10:00:00.123456789Z"));
		assertThat(Rfc3339.parse("2026-11-24T15:30:00+05:30")).isEqualTo(Instant.parse("2026-11-24T10:00:00Z"));
		assertThat(Rfc3339.parse("2026-11-24T10:00:00")).isNull();
	}

	private static String mutate(String text, Random random) {
		StringBuilder mutated = new StringBuilder(text);
		int position = random.nextInt(mutated.length());
		switch (random.nextInt(4)) {
			case 0 -> mutated.setCharAt(position, (char) ('0' + random.nextInt(10)));
			case 1 -> mutated.setCharAt(position, ":-.TZ+x9 ".charAt(random.nextInt(9)));
			case 2 -> mutated.deleteCharAt(position);
			default -> mutated.insert(position, (char) ('0' + random.nextInt(10)));
		}
		return mutated.toString();
	}

	private static Instant reference(String text) {
		try {
			return OffsetDateTime.parse(text).toInstant();
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

}
