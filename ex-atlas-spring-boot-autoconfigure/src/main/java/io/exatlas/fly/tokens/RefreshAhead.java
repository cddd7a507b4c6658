package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;

/**
 * One timer per app that refreshes its token a configured lead before it expires; a new token replaces the app's
 * timer, dropping the token cancels it.
 */
final class RefreshAhead {

	private final Duration lead;

	private final Clock clock;

	private final Scheduler timer;

	private final ConcurrentMap<String, Disposable> timers = new ConcurrentHashMap<>();

	RefreshAhead(Duration lead, Clock clock, Scheduler timer) {
		this.lead = lead;
		this.clock = clock;
		this.timer = timer;
	}

	/**
	 * Run {@code refresh} at {@code expiresAt} minus the lead; nothing when the lead is zero or that time has passed.
	 * @param app the app
	 * @param expiresAt when its token expires
	 * @param refresh the refresh
	 */
	void schedule(String app, Instant expiresAt, Runnable refresh) {
		if (this.lead.isZero() || this.lead.isNegative()) {
			return;
		}
		long delay = expiresAt.minus(this.lead).toEpochMilli() - this.clock.millis();
		if (delay <= 0) {
			return;
		}
		Disposable task = this.timer.schedule(refresh, delay, TimeUnit.MILLISECONDS);
		Disposable previous = this.timers.put(app, task);
		if (previous != null) {
			previous.dispose();
		}
	}

	void cancel(String app) {
		Disposable task = this.timers.remove(app);
		if (task != null) {
			task.dispose();
		}
	}

	void cancelAll() {
		this.timers.values().forEach(Disposable::dispose);
		this.timers.clear();
	}

}
