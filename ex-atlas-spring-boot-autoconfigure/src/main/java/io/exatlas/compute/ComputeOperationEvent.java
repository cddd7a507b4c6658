package io.exatlas.compute;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * Published by the compute facade when an operation ends, whatever the provider (including the mock and
 * user-defined providers that make no HTTP calls).
 */
public final class ComputeOperationEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * How an operation ended.
	 */
	public enum Outcome {

		/** It succeeded. */
		SUCCESS,

		/** It failed; see {@link ComputeOperationEvent#errorKind()}. */
		ERROR,

		/** The subscriber cancelled it before it ended. */
		CANCELLED

	}

	private final String provider;

	private final ComputeOperation operation;

	private final Outcome outcome;

	private final @Nullable ErrorKind errorKind;

	private final Duration duration;

	private final @Nullable String resourceId;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param provider the provider id
	 * @param operation the operation
	 * @param outcome how it ended
	 * @param errorKind the failure kind when it failed
	 * @param duration how long it took
	 * @param resourceId the compute or job id involved, when known
	 */
	public ComputeOperationEvent(Object source, Clock clock, String provider, ComputeOperation operation,
			Outcome outcome, @Nullable ErrorKind errorKind, Duration duration, @Nullable String resourceId) {
		super(source, clock);
		this.provider = Objects.requireNonNull(provider, "provider");
		this.operation = Objects.requireNonNull(operation, "operation");
		this.outcome = Objects.requireNonNull(outcome, "outcome");
		this.errorKind = errorKind;
		this.duration = Objects.requireNonNull(duration, "duration");
		this.resourceId = resourceId;
	}

	/**
	 * The provider id.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The operation.
	 * @return the operation
	 */
	public ComputeOperation operation() {
		return this.operation;
	}

	/**
	 * How it ended.
	 * @return the outcome
	 */
	public Outcome outcome() {
		return this.outcome;
	}

	/**
	 * The failure kind.
	 * @return the kind, or {@code null} unless the outcome is {@link Outcome#ERROR}
	 */
	public @Nullable ErrorKind errorKind() {
		return this.errorKind;
	}

	/**
	 * How long it took.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * The compute or job id involved (high cardinality: never a metric tag).
	 * @return the id, when known
	 */
	public @Nullable String resourceId() {
		return this.resourceId;
	}

	@Override
	public String toString() {
		return "ComputeOperationEvent[provider=" + this.provider + ", operation=" + this.operation + ", outcome="
				+ this.outcome + ", errorKind=" + this.errorKind + ", duration=" + this.duration + ", resourceId="
				+ this.resourceId + "]";
	}

}
