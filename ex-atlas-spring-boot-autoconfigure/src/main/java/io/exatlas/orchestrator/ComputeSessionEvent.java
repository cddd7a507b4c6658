package io.exatlas.orchestrator;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * An event of a tracked compute session, in the reference's shapes ({@code {:status, s}}, {@code {:heartbeat, t}},
 * {@code {:terminating, reason}}, {@code {:terminate_failed, error}} on topic {@code compute:<id>}). Published as a
 * Spring event and on the orchestrator's per-session stream.
 * <p>
 * Order for one session: {@code STATUS} when tracking starts, {@code HEARTBEAT}s while it is not idle, then
 * {@code TERMINATING} (with the reason) followed by {@code STATUS TERMINATED} when the provider confirmed, or
 * {@code TERMINATE_FAILED} (with the error kind) when it did not.
 */
public final class ComputeSessionEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * What happened.
	 */
	public enum Type {

		/** The session's status: when tracking starts, and {@code TERMINATED} once terminated. */
		STATUS,

		/** The session is alive and not idle yet. */
		HEARTBEAT,

		/** The orchestrator is terminating the session; see {@link ComputeSessionEvent#reason()}. */
		TERMINATING,

		/** The provider did not confirm the termination; see {@link ComputeSessionEvent#errorKind()}. */
		TERMINATE_FAILED,

		/** The session's readiness probe passed (a session spawned with {@code SessionOptions.withReadiness}). */
		READY,

		/**
		 * The session's readiness probe did not pass; see {@link ComputeSessionEvent#errorKind()}. The resource is
		 * terminated next ({@code TERMINATING} with {@link TerminationReason#NOT_READY}) unless it was to be kept.
		 */
		NOT_READY,

		/** The session was idle for its stop time: its resource was stopped (not terminated); status {@code STOPPED}. */
		IDLE_STOPPED,

		/** A stopped session was touched or resumed: its resource was started again; status {@code RUNNING}. */
		RESUMED,

		/**
		 * The session's resource was stopped on request ({@code ComputeOrchestrator.pause}); status {@code STOPPED}.
		 * It stays tracked (and expires at its idle TTL); {@code resume} starts it again.
		 */
		PAUSED,

		/**
		 * The provider reported another price for the session's resource: it is billed at
		 * {@link ComputeSessionEvent#pricePerHour()} from now.
		 */
		PRICE_CHANGED

	}

	private final String computeId;

	private final String provider;

	private final @Nullable String userId;

	private final Type type;

	private final @Nullable ComputeStatus status;

	private final @Nullable TerminationReason reason;

	private final @Nullable ErrorKind errorKind;

	private final @Nullable BigDecimal pricePerHour;

	private final @Nullable BigDecimal accrued;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param computeId the session (resource) id
	 * @param provider the provider id
	 * @param userId the session's user
	 * @param type what happened
	 * @param status the status, for {@code STATUS}
	 * @param reason the reason, for {@code TERMINATING}
	 * @param errorKind the failure, for {@code TERMINATE_FAILED}
	 */
	public ComputeSessionEvent(Object source, Clock clock, String computeId, String provider, @Nullable String userId,
			Type type, @Nullable ComputeStatus status, @Nullable TerminationReason reason,
			@Nullable ErrorKind errorKind) {
		this(source, clock, computeId, provider, userId, type, status, reason, errorKind, null, null);
	}

	/**
	 * Create the event with the session's spend figures.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param computeId the session (resource) id
	 * @param provider the provider id
	 * @param userId the session's user
	 * @param type what happened
	 * @param status the status, for {@code STATUS}
	 * @param reason the reason, for {@code TERMINATING}
	 * @param errorKind the failure, for {@code TERMINATE_FAILED}
	 * @param pricePerHour the session's price per hour, when known
	 * @param accrued what the session has cost up to this event, when its price is known
	 */
	public ComputeSessionEvent(Object source, Clock clock, String computeId, String provider, @Nullable String userId,
			Type type, @Nullable ComputeStatus status, @Nullable TerminationReason reason,
			@Nullable ErrorKind errorKind, @Nullable BigDecimal pricePerHour, @Nullable BigDecimal accrued) {
		super(source, clock);
		this.pricePerHour = pricePerHour;
		this.accrued = accrued;
		this.computeId = Objects.requireNonNull(computeId, "computeId");
		this.provider = Objects.requireNonNull(provider, "provider");
		this.userId = userId;
		this.type = Objects.requireNonNull(type, "type");
		this.status = status;
		this.reason = reason;
		this.errorKind = errorKind;
	}

	/**
	 * The session (resource) id.
	 * @return the id
	 */
	public String computeId() {
		return this.computeId;
	}

	/**
	 * The provider id.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The session's user.
	 * @return the user id, if any
	 */
	public @Nullable String userId() {
		return this.userId;
	}

	/**
	 * What happened.
	 * @return the type
	 */
	public Type type() {
		return this.type;
	}

	/**
	 * The status, for {@link Type#STATUS}.
	 * @return the status
	 */
	public @Nullable ComputeStatus status() {
		return this.status;
	}

	/**
	 * Why the session is being terminated, for {@link Type#TERMINATING}.
	 * @return the reason
	 */
	public @Nullable TerminationReason reason() {
		return this.reason;
	}

	/**
	 * Why the termination failed, for {@link Type#TERMINATE_FAILED}.
	 * @return the error kind
	 */
	public @Nullable ErrorKind errorKind() {
		return this.errorKind;
	}

	/**
	 * The session's price per hour in USD (spend accounting on and a price known): set on the first {@code STATUS},
	 * {@code PRICE_CHANGED}, {@code IDLE_STOPPED}, {@code RESUMED}, {@code TERMINATING} and the final
	 * {@code STATUS TERMINATED}.
	 * @return the price, or {@code null}
	 */
	public @Nullable BigDecimal pricePerHour() {
		return this.pricePerHour;
	}

	/**
	 * What the session has cost up to this event, in USD (on the same events as {@link #pricePerHour()}; on the final
	 * {@code STATUS TERMINATED}, its whole cost until tracking ended).
	 * @return the amount, or {@code null}
	 */
	public @Nullable BigDecimal accrued() {
		return this.accrued;
	}

	@Override
	public String toString() {
		return "ComputeSessionEvent[computeId=" + this.computeId + ", provider=" + this.provider + ", type=" + this.type
				+ ((this.status != null) ? ", status=" + this.status : "")
				+ ((this.reason != null) ? ", reason=" + this.reason : "")
				+ ((this.errorKind != null) ? ", errorKind=" + this.errorKind : "")
				+ ((this.accrued != null) ? ", accrued=" + this.accrued.toPlainString() : "") + "]";
	}

}
