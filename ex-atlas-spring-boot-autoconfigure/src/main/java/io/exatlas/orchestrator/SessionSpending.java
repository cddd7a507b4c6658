package io.exatlas.orchestrator;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

import io.exatlas.compute.Compute;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import io.exatlas.spend.OwnedSpend;
import io.exatlas.spend.SessionSpend;
import io.exatlas.spend.SpendAccounting;
import org.jspecify.annotations.Nullable;

/**
 * The orchestrator's side of spend accounting: a session starts billing at the price the provider reported at spawn;
 * a reported price change, a stop and a start replace its spend in the registry (compare and set) and settle what
 * the old figure accrued into the ledger; the session's end settles the rest. The sessions this instance owns feed
 * its {@link OwnedSpend} totals. Without {@link SpendAccounting} nothing is recorded.
 */
final class SessionSpending {

	/** A compare-and-set that keeps losing to other writers gives up after this many reads. */
	private static final int ATTEMPTS = 4;

	private final @Nullable SpendAccounting accounting;

	private final SessionRegistry registry;

	private final SessionEvents events;

	private final Function<String, @Nullable LocalSession> local;

	SessionSpending(@Nullable SpendAccounting accounting, SessionRegistry registry, SessionEvents events,
			Function<String, @Nullable LocalSession> local) {
		this.accounting = accounting;
		this.registry = registry;
		this.events = events;
		this.local = local;
	}

	/**
	 * The spend a new session starts with.
	 * @param compute the spawned resource
	 * @param now when tracking starts
	 * @return billing from now at the reported price, or {@code null} without accounting or a price
	 */
	@Nullable SessionSpend initial(Compute compute, long now) {
		BigDecimal price = compute.costPerHour();
		return (this.accounting != null && price != null) ? SessionSpend.start(price, Instant.ofEpochMilli(now))
				: null;
	}

	/**
	 * This instance now owns a session (spawned here or taken over).
	 * @param session the session
	 * @param spend its spend as the registry holds it
	 */
	void owned(LocalSession session, @Nullable SessionSpend spend) {
		OwnedSpend owned = owned();
		if (owned != null && spend != null) {
			session.spend(spend);
			owned.add(session.provider(), spend);
		}
	}

	/**
	 * Bring this instance's copy of an owned session's spend up to the registry's (another instance may have
	 * changed the price).
	 * @param session the session
	 * @param record its record
	 */
	void sync(LocalSession session, SessionRecord record) {
		OwnedSpend owned = owned();
		SessionSpend current = session.spend();
		SessionSpend latest = record.spend();
		if (owned == null || latest == null || latest.equals(current)) {
			return;
		}
		synchronized (session) {
			if (current != null) {
				owned.replace(session.provider(), current, latest);
			}
			else {
				owned.add(session.provider(), latest);
			}
			session.spend(latest);
		}
	}

	/**
	 * A session ended (this call took it out of the registry): settle what it cost since its last settlement. If it
	 * was owned here, its cost stays in this instance's accrued total.
	 * @param taken the session as it was taken out
	 * @param session this instance's copy, if it owned it
	 * @param now when tracking ended
	 */
	void ended(SessionRecord taken, @Nullable LocalSession session, long now) {
		if (this.accounting == null) {
			return;
		}
		Instant at = Instant.ofEpochMilli(now);
		SessionSpend spend = taken.spend();
		if (spend != null) {
			this.accounting.settle(taken.provider(), taken.userId(), spend, at);
		}
		if (session != null) {
			gone(session, at);
		}
	}

	/**
	 * A session owned here was ended by another instance (or taken over): drop it from this instance's totals.
	 * @param session this instance's copy
	 * @param now when it was noticed
	 * @param ended whether it ended (its cost stays in the accrued total) rather than moved to another owner
	 */
	void left(LocalSession session, long now, boolean ended) {
		OwnedSpend owned = owned();
		SessionSpend spend = session.spend();
		if (owned == null || spend == null) {
			return;
		}
		if (ended) {
			gone(session, Instant.ofEpochMilli(now));
			return;
		}
		synchronized (session) {
			owned.remove(session.provider(), spend);
			session.spend(null);
		}
	}

	/**
	 * The provider reported a session's price: bill at it from now if it differs.
	 * @param id the session id
	 * @param price the reported price per hour
	 * @param now when it was reported
	 * @return the new spend, or empty when nothing changed (same price, not tracked, no accounting)
	 */
	Optional<SessionSpend> priceReported(String id, BigDecimal price, long now) {
		return change(id, now, Type.PRICE_CHANGED, (spend, at) -> {
			if (spend == null) {
				return SessionSpend.start(price, at);
			}
			return (spend.pricePerHour().compareTo(price) == 0) ? null : spend.withPrice(price, at);
		});
	}

	/**
	 * The session's resource stopped or started: stop or resume billing.
	 * @param id the session id
	 * @param billing whether it is billed from now
	 * @param now when it changed
	 * @return the new spend, or empty when nothing changed
	 */
	Optional<SessionSpend> billing(String id, boolean billing, long now) {
		return change(id, now, null,
				(spend, at) -> (spend == null || spend.billing() == billing) ? null : spend.withBilling(billing, at));
	}

	private Optional<SessionSpend> change(String id, long now, @Nullable Type event,
			BiFunction<@Nullable SessionSpend, Instant, @Nullable SessionSpend> change) {
		if (this.accounting == null) {
			return Optional.empty();
		}
		Instant at = Instant.ofEpochMilli(now);
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			Optional<SessionRecord> record = this.registry.get(id);
			if (record.isEmpty()) {
				return Optional.empty();
			}
			SessionSpend before = record.get().spend();
			SessionSpend after = change.apply(before, at);
			if (after == null) {
				return Optional.empty();
			}
			if (this.registry.updateSpend(id, before, after)) {
				if (before != null) {
					this.accounting.settle(record.get().provider(), record.get().userId(), before, at);
				}
				LocalSession session = this.local.apply(id);
				if (session != null) {
					sync(session, record.get().withSpend(after));
				}
				if (event != null) {
					this.events.publish(id, record.get().provider(), record.get().userId(), event, null, null, null,
							after);
				}
				return Optional.of(after);
			}
		}
		return Optional.empty();
	}

	private void gone(LocalSession session, Instant at) {
		OwnedSpend owned = owned();
		synchronized (session) {
			SessionSpend spend = session.spend();
			if (owned != null && spend != null) {
				owned.end(session.provider(), spend, at);
				session.spend(null);
			}
		}
	}

	private @Nullable OwnedSpend owned() {
		return (this.accounting != null) ? this.accounting.owned() : null;
	}

}
