package io.exatlas.spend;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The report reads the live sessions once (a shared registry is one read) and says what the separate figures say.
 */
class SpendReportTests {

	private static final Instant NOW = Instant.parse("2026-12-02T12:00:00Z");

	@Test
	void oneReadGivesEveryonesAndEachUsersFigures() {
		AtomicInteger reads = new AtomicInteger();
		List<SpendingSession> sessions = List.of(
				new SpendingSession("mock", "ann", SessionSpend.start(new BigDecimal("2.00"), NOW.minusSeconds(3600))),
				new SpendingSession("mock", "ann", SessionSpend.start(new BigDecimal("1.00"), NOW.minusSeconds(1800))
					.withBilling(false, NOW.minusSeconds(900))),
				new SpendingSession("runpod", "bo", SessionSpend.start(new BigDecimal("4.00"), NOW.minusSeconds(900))),
				new SpendingSession("runpod", null, SessionSpend.start(new BigDecimal("3.00"), NOW)));
		InMemorySpendLedger ledger = new InMemorySpendLedger(62);
		ledger.add("mock", "ann", LocalDate.of(2026, 12, 1), new BigDecimal("5"));
		SpendAccounting accounting = new SpendAccounting(ledger, () -> {
			reads.incrementAndGet();
			return sessions;
		}, ZoneOffset.UTC, Clock.fixed(NOW, ZoneOffset.UTC));

		SpendReport report = accounting.report();
		assertThat(reads).hasValue(1);
		assertThat(report.burnRate()).isEqualByComparingTo(accounting.burnRate(SpendScope.all()))
			.isEqualByComparingTo("9.00");
		assertThat(report.today()).isEqualByComparingTo(accounting.spent(SpendScope.all(), BillingPeriod.DAY));
		assertThat(report.month()).isEqualByComparingTo(accounting.spent(SpendScope.all(), BillingPeriod.MONTH));
		assertThat(report.users()).containsOnlyKeys("ann", "bo");
		UserSpend ann = report.users().get("ann");
		assertThat(ann.sessions()).isEqualTo(2);
		assertThat(ann.burnRate()).isEqualByComparingTo("2.00");
		assertThat(ann.today()).isEqualByComparingTo(accounting.spent(SpendScope.user("ann"), BillingPeriod.DAY))
			.as("the running part only: what the stopped session accrued was settled into the ledger when it stopped")
			.isEqualByComparingTo("2.00");
		assertThat(ann.month()).isEqualByComparingTo("7.00");
		assertThat(report.users().get("bo").today()).isEqualByComparingTo("1.00");
	}

}
