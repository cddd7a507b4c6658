package io.exatlas.spend;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Spend accounting: settles what sessions cost into the {@link SpendLedger} (split across calendar days of the
 * accounting zone, so a budget per day or month counts each hour where it fell), and answers what a scope has
 * spent in a period and what it burns now. A figure for a period is the ledger's settled days plus the running,
 * unsettled part of every live session that falls in the period.
 */
public final class SpendAccounting {

	/** Settled spend older than this is not split into the ledger day by day (no budget period reaches it). */
	private static final Duration LONGEST_SPLIT = Duration.ofDays(400);

	private final SpendLedger ledger;

	private final LiveSpend live;

	private final ZoneId zone;

	private final Clock clock;

	private final OwnedSpend owned;

	/**
	 * Create the accounting.
	 * @param ledger where settled spend goes
	 * @param live the live sessions' spend
	 * @param zone the zone whose calendar days and months budgets count in
	 * @param clock the wall clock
	 */
	public SpendAccounting(SpendLedger ledger, LiveSpend live, ZoneId zone, Clock clock) {
		this.ledger = Objects.requireNonNull(ledger, "ledger");
		this.live = Objects.requireNonNull(live, "live");
		this.zone = Objects.requireNonNull(zone, "zone");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.owned = new OwnedSpend(clock);
	}

	/**
	 * The spend of the sessions this instance owns (read by the meters).
	 * @return the totals
	 */
	public OwnedSpend owned() {
		return this.owned;
	}

	/**
	 * The ledger.
	 * @return it
	 */
	public SpendLedger ledger() {
		return this.ledger;
	}

	/**
	 * The zone budgets count calendar days in.
	 * @return the zone
	 */
	public ZoneId zone() {
		return this.zone;
	}

	/**
	 * Record in the ledger what a session cost from its last settlement to an instant, split across days. Called
	 * once per settlement by whoever moved the session's settlement forward.
	 * @param provider the session's provider
	 * @param userId the session's user
	 * @param spend the spend before the settlement
	 * @param until the settlement's instant
	 */
	public void settle(String provider, @Nullable String userId, SessionSpend spend, Instant until) {
		if (!spend.billing()) {
			return;
		}
		Instant from = spend.since();
		Instant earliest = until.minus(LONGEST_SPLIT);
		if (from.isBefore(earliest)) {
			from = earliest;
		}
		while (from.isBefore(until)) {
			LocalDate day = LocalDate.ofInstant(from, this.zone);
			Instant nextDay = day.plusDays(1).atStartOfDay(this.zone).toInstant();
			Instant to = nextDay.isBefore(until) ? nextDay : until;
			this.ledger.add(provider, userId, day, spend.cost(from, to));
			from = to;
		}
	}

	/**
	 * What a scope has spent in the current period, live sessions included.
	 * @param scope whose spend
	 * @param period the period
	 * @return USD
	 */
	public BigDecimal spent(SpendScope scope, BillingPeriod period) {
		return spent(scope, period, this.live.sessions());
	}

	/**
	 * What a scope burns now: the sum of its live sessions' prices while billed.
	 * @param scope whose rate
	 * @return USD per hour
	 */
	public BigDecimal burnRate(SpendScope scope) {
		BigDecimal rate = BigDecimal.ZERO;
		for (SpendingSession session : this.live.sessions()) {
			if (scope.includes(session.provider(), session.userId())) {
				rate = rate.add(session.spend().burnRate());
			}
		}
		return rate;
	}

	/**
	 * The figures of every user with a live session that has a price.
	 * @return per user id, sorted
	 */
	public Map<String, UserSpend> users() {
		return report().users();
	}

	/**
	 * Everyone's and each user's figures from one read of the live sessions (a shared registry is read once).
	 * @return the report
	 */
	public SpendReport report() {
		List<SpendingSession> sessions = this.live.sessions();
		Map<String, List<SpendingSession>> byUser = new TreeMap<>();
		BigDecimal rate = BigDecimal.ZERO;
		for (SpendingSession session : sessions) {
			rate = rate.add(session.spend().burnRate());
			if (session.userId() != null) {
				byUser.computeIfAbsent(session.userId(), (user) -> new ArrayList<>()).add(session);
			}
		}
		Map<String, UserSpend> users = new LinkedHashMap<>();
		byUser.forEach((user, own) -> {
			SpendScope scope = SpendScope.user(user);
			BigDecimal userRate = own.stream().map((session) -> session.spend().burnRate())
				.reduce(BigDecimal.ZERO, BigDecimal::add);
			users.put(user, new UserSpend(own.size(), userRate, spent(scope, BillingPeriod.DAY, own),
					spent(scope, BillingPeriod.MONTH, own)));
		});
		return new SpendReport(rate, spent(SpendScope.all(), BillingPeriod.DAY, sessions),
				spent(SpendScope.all(), BillingPeriod.MONTH, sessions), users);
	}

	private BigDecimal spent(SpendScope scope, BillingPeriod period, List<SpendingSession> sessions) {
		Instant now = this.clock.instant();
		LocalDate today = LocalDate.ofInstant(now, this.zone);
		LocalDate first = period.start(today);
		Instant start = first.atStartOfDay(this.zone).toInstant();
		BigDecimal total = this.ledger.total(scope, first, today);
		for (SpendingSession session : sessions) {
			if (scope.includes(session.provider(), session.userId())) {
				SessionSpend spend = session.spend();
				total = total.add(spend.cost(spend.since().isAfter(start) ? spend.since() : start, now));
			}
		}
		return total;
	}

	@Override
	public String toString() {
		return "SpendAccounting[zone=" + this.zone + ", ledger=" + this.ledger + "]";
	}

}
