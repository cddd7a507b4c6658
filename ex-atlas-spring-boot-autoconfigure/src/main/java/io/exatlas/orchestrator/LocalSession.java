package io.exatlas.orchestrator;

import io.exatlas.compute.CallOptions;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;

/**
 * What this instance needs to expire a session it tracks: its timing and the call options to terminate with.
 */
final class LocalSession {

	private final String id;

	private final String provider;

	private final @Nullable String userId;

	private final long ttlMillis;

	private final long heartbeatMillis;

	private final CallOptions callOptions;

	private long nextHeartbeat;

	private final long endOfLife;

	private volatile SessionPhase phase = SessionPhase.RUNNING;

	private long stopAfterMillis = Long.MAX_VALUE;

	private volatile boolean stopped;

	private volatile boolean transitioning;

	private volatile @Nullable SessionSpend spend;

	LocalSession(String id, String provider, @Nullable String userId, long ttlMillis, long heartbeatMillis,
			CallOptions callOptions, long now, long endOfLife) {
		this.endOfLife = endOfLife;
		this.id = id;
		this.provider = provider;
		this.userId = userId;
		this.ttlMillis = ttlMillis;
		this.heartbeatMillis = heartbeatMillis;
		this.callOptions = callOptions;
		this.nextHeartbeat = now + heartbeatMillis;
	}

	String id() {
		return this.id;
	}

	SessionPhase phase() {
		return this.phase;
	}

	/**
	 * Stop the resource (not terminate it) once idle this long; {@link Long#MAX_VALUE}: never.
	 * @param stopAfterMillis the idle time
	 */
	void stopAfter(long stopAfterMillis) {
		this.stopAfterMillis = stopAfterMillis;
	}

	long stopAfterMillis() {
		return this.stopAfterMillis;
	}

	boolean stopped() {
		return this.stopped;
	}

	void stopped(boolean stopped) {
		this.stopped = stopped;
	}

	boolean transitioning() {
		return this.transitioning;
	}

	void transitioning(boolean transitioning) {
		this.transitioning = transitioning;
	}

	/**
	 * This instance's copy of the session's spend, as counted in its owned totals.
	 * @return the spend, or {@code null} when not counted
	 */
	@Nullable SessionSpend spend() {
		return this.spend;
	}

	void spend(@Nullable SessionSpend spend) {
		this.spend = spend;
	}

	void phase(SessionPhase phase) {
		this.phase = phase;
	}

	String provider() {
		return this.provider;
	}

	@Nullable String userId() {
		return this.userId;
	}

	long ttlMillis() {
		return this.ttlMillis;
	}

	long heartbeatMillis() {
		return this.heartbeatMillis;
	}

	CallOptions callOptions() {
		return this.callOptions;
	}

	long nextHeartbeat() {
		return this.nextHeartbeat;
	}

	void heartbeatSent(long now) {
		this.nextHeartbeat = now + this.heartbeatMillis;
	}

	/**
	 * When the session's hard lifetime ends (epoch millis; {@link Long#MAX_VALUE} without one).
	 * @return the instant
	 */
	long endOfLife() {
		return this.endOfLife;
	}

	long nextCheck(long now) {
		long deadline = Math.min(now + this.ttlMillis, this.endOfLife);
		if (this.stopAfterMillis != Long.MAX_VALUE) {
			deadline = Math.min(deadline, now + this.stopAfterMillis);
		}
		return (this.heartbeatMillis > 0) ? Math.min(deadline, this.nextHeartbeat) : deadline;
	}

}
