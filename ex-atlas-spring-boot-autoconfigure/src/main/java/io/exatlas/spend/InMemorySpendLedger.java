package io.exatlas.spend;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * The default {@link SpendLedger}: day totals in this JVM, kept for a retention of days and lost on restart.
 */
public class InMemorySpendLedger implements SpendLedger {

	private final ConcurrentMap<Key, BigDecimal> days = new ConcurrentHashMap<>();

	private final int retentionDays;

	private volatile LocalDate pruned = LocalDate.MIN;

	/**
	 * Create the ledger.
	 * @param retentionDays how many days back totals are kept (at least 31, so that a month is always whole)
	 */
	public InMemorySpendLedger(int retentionDays) {
		if (retentionDays < 31) {
			throw new IllegalArgumentException("retentionDays must be at least 31, was " + retentionDays);
		}
		this.retentionDays = retentionDays;
	}

	@Override
	public void add(String provider, @Nullable String userId, LocalDate day, BigDecimal amount) {
		Objects.requireNonNull(day, "day");
		if (amount.signum() <= 0) {
			return;
		}
		add(SpendScope.all(), day, amount);
		add(SpendScope.provider(provider), day, amount);
		if (userId != null) {
			add(SpendScope.user(userId), day, amount);
		}
		prune(day);
	}

	@Override
	public BigDecimal total(SpendScope scope, LocalDate from, LocalDate to) {
		BigDecimal total = BigDecimal.ZERO;
		// Days older than the retention hold nothing: a range never walks more days than are kept.
		LocalDate oldest = to.minusDays(this.retentionDays);
		for (LocalDate day = from.isBefore(oldest) ? oldest : from; !day.isAfter(to); day = day.plusDays(1)) {
			BigDecimal amount = this.days.get(new Key(scope.key(), day));
			if (amount != null) {
				total = total.add(amount);
			}
		}
		return total;
	}

	private void add(SpendScope scope, LocalDate day, BigDecimal amount) {
		this.days.merge(new Key(scope.key(), day), amount, BigDecimal::add);
	}

	private void prune(LocalDate today) {
		if (today.isAfter(this.pruned)) {
			this.pruned = today;
			LocalDate oldest = today.minusDays(this.retentionDays);
			this.days.keySet().removeIf((key) -> key.day.isBefore(oldest));
		}
	}

	@Override
	public String toString() {
		return "InMemorySpendLedger[retentionDays=" + this.retentionDays + ", entries=" + this.days.size() + "]";
	}

	private record Key(String scope, LocalDate day) {
	}

}
