package io.exatlas.spend;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A session's spend over generated timelines (500 seeds; a failure names its seed): prices that change, stops and
 * starts, at random instants over up to four days in zones with and without daylight-saving changes. The session's
 * accrued amount equals the exact sum of price × billed time, and the ledger's days, settled at every change, hold
 * exactly what was billed within each calendar day of the zone — to a millionth per settlement.
 */
class SpendSettlementPropertyTests {

	private static final List<ZoneId> ZONES = List.of(ZoneOffset.UTC, ZoneId.of("Europe/Paris"),
			ZoneId.of("America/New_York"), ZoneId.of("Asia/Kolkata"));

	private static final BigDecimal MILLIS_PER_HOUR = BigDecimal.valueOf(3_600_000L);

	static LongStream seeds() {
		return LongStream.range(0, 500);
	}

	@ParameterizedTest(name = "seed {0}")
	@MethodSource("seeds")
	void accruedEqualsPriceTimesBilledTimeAndTheLedgerHoldsEachDaysShare(long seed) {
		Random random = new Random(seed);
		ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
		InMemorySpendLedger ledger = new InMemorySpendLedger(62);
		SpendAccounting accounting = new SpendAccounting(ledger, LiveSpend.NONE, zone, Clock.systemUTC());
		// Around the end of March and October, so that some timelines cross a daylight-saving change.
		Instant now = Instant.parse((random.nextBoolean() ? "2026-03-27" : "2026-10-23") + "T00:00:00Z")
			.plusMillis(random.nextLong(Duration.ofDays(3).toMillis()));
		SessionSpend spend = SessionSpend.start(price(random), now);
		Map<LocalDate, BigDecimal> expectedByDay = new HashMap<>();
		BigDecimal expected = BigDecimal.ZERO;
		int settlements = 0;
		int steps = 1 + random.nextInt(12);
		for (int step = 0; step < steps; step++) {
			Instant next = now.plusMillis(1 + random.nextLong(Duration.ofHours(20).toMillis()));
			if (spend.billing()) {
				expected = expected.add(exact(spend.pricePerHour(), now, next));
				addByDay(expectedByDay, spend.pricePerHour(), now, next, zone);
			}
			accounting.settle("p", "u", spend, next);
			settlements++;
			spend = random.nextBoolean() ? spend.withPrice(price(random), next)
					: spend.withBilling(!spend.billing(), next);
			now = next;
		}
		BigDecimal tolerance = new BigDecimal("0.000001").multiply(BigDecimal.valueOf(settlements * 2L));
		assertThat(spend.accruedAt(now)).as("seed %d", seed).isCloseTo(expected,
				org.assertj.core.data.Offset.offset(tolerance));
		for (Map.Entry<LocalDate, BigDecimal> day : expectedByDay.entrySet()) {
			assertThat(ledger.total(SpendScope.user("u"), day.getKey(), day.getKey()))
				.as("seed %d, %s in %s", seed, day.getKey(), zone)
				.isCloseTo(day.getValue(), org.assertj.core.data.Offset.offset(tolerance));
		}
		LocalDate first = expectedByDay.keySet().stream().min(LocalDate::compareTo).orElseThrow();
		LocalDate last = expectedByDay.keySet().stream().max(LocalDate::compareTo).orElseThrow();
		assertThat(ledger.total(SpendScope.all(), first.minusDays(1), last.plusDays(1))).as("seed %d", seed)
			.isCloseTo(expected, org.assertj.core.data.Offset.offset(tolerance));
		assertThat(ledger.total(SpendScope.provider("p"), first, last))
			.isEqualTo(ledger.total(SpendScope.all(), first, last));
	}

	private static BigDecimal price(Random random) {
		return BigDecimal.valueOf(random.nextInt(5_000), 2);
	}

	private static BigDecimal exact(BigDecimal price, Instant from, Instant to) {
		return price.multiply(BigDecimal.valueOf(to.toEpochMilli() - from.toEpochMilli()))
			.divide(MILLIS_PER_HOUR, MathContext.DECIMAL128);
	}

	private static void addByDay(Map<LocalDate, BigDecimal> byDay, BigDecimal price, Instant from, Instant to,
			ZoneId zone) {
		Instant cursor = from;
		while (cursor.isBefore(to)) {
			LocalDate day = LocalDate.ofInstant(cursor, zone);
			Instant end = day.plusDays(1).atStartOfDay(zone).toInstant();
			Instant until = end.isBefore(to) ? end : to;
			byDay.merge(day, exact(price, cursor, until), BigDecimal::add);
			cursor = until;
		}
	}

}
