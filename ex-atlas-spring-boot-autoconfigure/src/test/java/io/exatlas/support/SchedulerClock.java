package io.exatlas.support;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;

import reactor.test.scheduler.VirtualTimeScheduler;

/**
 * A clock that reads a {@link VirtualTimeScheduler}'s time, so advancing the scheduler moves timers and the wall
 * clock together.
 */
public final class SchedulerClock extends Clock {

	private final VirtualTimeScheduler scheduler;

	private final long baseMillis;

	public SchedulerClock(VirtualTimeScheduler scheduler, Instant base) {
		this.scheduler = scheduler;
		this.baseMillis = base.toEpochMilli();
	}

	@Override
	public ZoneId getZone() {
		return ZoneOffset.UTC;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return this;
	}

	@Override
	public Instant instant() {
		return Instant.ofEpochMilli(millis());
	}

	@Override
	public long millis() {
		return this.baseMillis + this.scheduler.now(TimeUnit.MILLISECONDS);
	}

}
