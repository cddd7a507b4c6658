package io.exatlas.orchestrator;

import java.time.Duration;

import io.exatlas.Durations;
import io.exatlas.compute.CallOptions;
import io.exatlas.placement.PlacementPolicy;
import io.exatlas.readiness.Readiness;
import org.jspecify.annotations.Nullable;

/**
 * How to track one session.
 *
 * @param userId the user the session belongs to (shown on the dashboard; never used for access decisions here)
 * @param idleTtl how long the session may go without {@code touch}; defaults to the request's idle TTL, then to
 * {@code exatlas.orchestrator.idle-ttl}
 * @param heartbeatInterval how often a heartbeat event is published; defaults to
 * {@code exatlas.orchestrator.heartbeat-interval} ({@link Duration#ZERO} disables heartbeats)
 * @param callOptions the provider and credential to spawn and terminate with; defaults to the default provider
 * @param placement place the session with this policy instead of spawning on one provider; also used, with the
 * default policy, when the call names no provider and no default provider is configured
 * @param readiness complete the spawn only when this probe passes (and terminate a resource that never does,
 * unless asked to keep it)
 * @param maxLifetime terminate the session this long after tracking started, however active; defaults to
 * {@code exatlas.orchestrator.max-lifetime} (none)
 * @param stopAfterIdle stop (not terminate) the resource once idle this long, where its provider can stop, and
 * start it again when touched; shorter than the idle TTL
 */
public record SessionOptions(@Nullable String userId, @Nullable Duration idleTtl, @Nullable Duration heartbeatInterval,
		CallOptions callOptions, @Nullable PlacementPolicy placement, @Nullable SessionReadiness readiness,
		@Nullable Duration maxLifetime, @Nullable Duration stopAfterIdle) {

	private static final SessionOptions DEFAULTS = new SessionOptions(null, null, null, CallOptions.defaults());

	/**
	 * Validates the options.
	 * @param userId user
	 * @param idleTtl idle TTL
	 * @param heartbeatInterval heartbeat interval
	 * @param callOptions call options
	 * @param placement the placement policy
	 * @param readiness the readiness probe
	 * @param maxLifetime the hard lifetime
	 * @param stopAfterIdle the idle stop time
	 */
	public SessionOptions {
		if (stopAfterIdle != null && (stopAfterIdle.isNegative() || stopAfterIdle.isZero()
				|| !Durations.withinLongest(stopAfterIdle))) {
			throw new IllegalArgumentException("stopAfterIdle must be positive and at most "
					+ Durations.LONGEST.toDays() + " days, was " + stopAfterIdle);
		}
		if (maxLifetime != null && (maxLifetime.isNegative() || maxLifetime.isZero()
				|| !Durations.withinLongest(maxLifetime))) {
			throw new IllegalArgumentException("maxLifetime must be positive and at most " + Durations.LONGEST.toDays()
					+ " days, was " + maxLifetime);
		}
		callOptions = (callOptions != null) ? callOptions : CallOptions.defaults();
		if (idleTtl != null && (idleTtl.isNegative() || idleTtl.isZero() || !Durations.withinLongest(idleTtl))) {
			throw new IllegalArgumentException("idleTtl must be positive and at most " + Durations.LONGEST.toDays()
					+ " days, was " + idleTtl);
		}
		if (heartbeatInterval != null && (heartbeatInterval.isNegative() || !Durations.withinLongest(heartbeatInterval))) {
			throw new IllegalArgumentException("heartbeatInterval must not be negative and at most "
					+ Durations.LONGEST.toDays() + " days, was " + heartbeatInterval);
		}
	}

	/**
	 * Options without placement.
	 * @param userId the user
	 * @param idleTtl the idle TTL
	 * @param heartbeatInterval the heartbeat interval
	 * @param callOptions the call options
	 */
	public SessionOptions(@Nullable String userId, @Nullable Duration idleTtl, @Nullable Duration heartbeatInterval,
			CallOptions callOptions) {
		this(userId, idleTtl, heartbeatInterval, callOptions, null, null, null, null);
	}

	/**
	 * All defaults.
	 * @return the options
	 */
	public static SessionOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A session for a user, with the default TTL and provider.
	 * @param userId the user
	 * @return the options
	 */
	public static SessionOptions forUser(String userId) {
		return new SessionOptions(userId, null, null, CallOptions.defaults());
	}

	/**
	 * The same options with another idle TTL.
	 * @param idleTtl the TTL
	 * @return the options
	 */
	public SessionOptions withIdleTtl(Duration idleTtl) {
		return new SessionOptions(this.userId, idleTtl, this.heartbeatInterval, this.callOptions, this.placement,
				this.readiness, this.maxLifetime, this.stopAfterIdle);
	}

	/**
	 * The same options with another heartbeat interval.
	 * @param heartbeatInterval the interval ({@link Duration#ZERO} disables heartbeats)
	 * @return the options
	 */
	public SessionOptions withHeartbeatInterval(Duration heartbeatInterval) {
		return new SessionOptions(this.userId, this.idleTtl, heartbeatInterval, this.callOptions, this.placement,
				this.readiness, this.maxLifetime, this.stopAfterIdle);
	}

	/**
	 * The same options with another provider and/or credential.
	 * @param callOptions the call options
	 * @return the options
	 */
	public SessionOptions with(CallOptions callOptions) {
		return new SessionOptions(this.userId, this.idleTtl, this.heartbeatInterval, callOptions, this.placement,
				this.readiness, this.maxLifetime, this.stopAfterIdle);
	}

	/**
	 * The same options, placed: the session goes to the best offer of any allowed provider
	 * ({@link io.exatlas.placement.ReactiveComputePlacement}) instead of to one provider.
	 * @param placement the policy
	 * @return the options
	 */
	public SessionOptions withPlacement(PlacementPolicy placement) {
		return new SessionOptions(this.userId, this.idleTtl, this.heartbeatInterval, this.callOptions,
				java.util.Objects.requireNonNull(placement, "placement"), this.readiness, this.maxLifetime,
				this.stopAfterIdle);
	}

	/**
	 * The same options, spawned ready: the spawn completes when the probe passes; a resource that never becomes
	 * ready is terminated.
	 * @param probe the probe
	 * @return the options
	 */
	public SessionOptions withReadiness(Readiness probe) {
		return withReadiness(probe, false);
	}

	/**
	 * The same options, spawned ready.
	 * @param probe the probe
	 * @param keepIfNotReady whether a resource that never becomes ready is kept (tracked, expiring when idle)
	 * @return the options
	 */
	public SessionOptions withReadiness(Readiness probe, boolean keepIfNotReady) {
		return new SessionOptions(this.userId, this.idleTtl, this.heartbeatInterval, this.callOptions, this.placement,
				new SessionReadiness(probe, keepIfNotReady), this.maxLifetime, this.stopAfterIdle);
	}

	/**
	 * The same options with a hard lifetime: the session is terminated this long after tracking started, however
	 * active it is (dstack's {@code max_duration}).
	 * @param maxLifetime the lifetime
	 * @return the options
	 */
	public SessionOptions withMaxLifetime(Duration maxLifetime) {
		return new SessionOptions(this.userId, this.idleTtl, this.heartbeatInterval, this.callOptions, this.placement,
				this.readiness, java.util.Objects.requireNonNull(maxLifetime, "maxLifetime"), this.stopAfterIdle);
	}

	/**
	 * The same options, stopped before terminated: once idle this long the resource is stopped (where its provider
	 * can stop; billing for compute ends, the disk stays) and a touch starts it again; at the idle TTL it is
	 * terminated as any session.
	 * @param stopAfterIdle the idle time before the stop, shorter than the idle TTL
	 * @return the options
	 */
	public SessionOptions withIdleStop(Duration stopAfterIdle) {
		return new SessionOptions(this.userId, this.idleTtl, this.heartbeatInterval, this.callOptions, this.placement,
				this.readiness, this.maxLifetime, java.util.Objects.requireNonNull(stopAfterIdle, "stopAfterIdle"));
	}

}
