package io.exatlas.orchestrator;

import java.time.Duration;

/**
 * Decides which instance runs the reaper when several share a {@link SessionRegistry}: before each scheduled run
 * the reaper asks for a lease, and only the holder runs. The lease is not released after the run, so exactly one
 * instance runs per interval, and a run never overlaps another as long as it finishes within its lease.
 */
@FunctionalInterface
public interface ReaperLock {

	/**
	 * Try to take (or renew) the lease.
	 * @param holder the instance asking
	 * @param lease how long the lease lasts
	 * @return whether {@code holder} holds the lease now
	 */
	boolean tryAcquire(String holder, Duration lease);

	/**
	 * The lock of a single instance: always granted.
	 * @return the lock
	 */
	static ReaperLock local() {
		return (holder, lease) -> true;
	}

}
