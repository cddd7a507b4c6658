package io.exatlas.fly.logs;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * A phase of one fetch of a Fly app's logs: the reference's {@code [:ex_atlas, :fly, :logs, :fetch]} span. A
 * {@code START} precedes every fetch; it ends exactly once, with a {@code STOP} (Fly answered: {@link #count()}
 * entries, or an error kind such as {@code UNAUTHORIZED}) or an {@code EXCEPTION} (no answer: transport failure or
 * timeout; {@code CANCELLED} when the caller gave up, e.g. the last subscriber of a tail left). Log content is never
 * part of the event.
 */
public final class FlyLogsFetchEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final Phase phase;

	private final String app;

	private final @Nullable ErrorKind error;

	private final int count;

	private final Duration duration;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param phase the phase
	 * @param app the Fly app
	 * @param error the error kind of a failed fetch, else {@code null}
	 * @param count the entries returned (0 unless a successful {@code STOP})
	 * @param duration the time since {@code START} ({@code ZERO} for {@code START})
	 */
	public FlyLogsFetchEvent(Object source, Clock clock, Phase phase, String app, @Nullable ErrorKind error, int count,
			Duration duration) {
		super(source, clock);
		this.phase = Objects.requireNonNull(phase, "phase");
		this.app = Objects.requireNonNull(app, "app");
		this.error = error;
		this.count = count;
		this.duration = Objects.requireNonNull(duration, "duration");
	}

	/**
	 * The phase.
	 * @return the phase
	 */
	public Phase phase() {
		return this.phase;
	}

	/**
	 * The Fly app.
	 * @return the app
	 */
	public String app() {
		return this.app;
	}

	/**
	 * Whether the fetch succeeded ({@code STOP} without an error).
	 * @return whether it succeeded
	 */
	public boolean ok() {
		return this.phase == Phase.STOP && this.error == null;
	}

	/**
	 * The error kind of a failed fetch.
	 * @return the kind, or {@code null}
	 */
	public @Nullable ErrorKind error() {
		return this.error;
	}

	/**
	 * The number of entries returned.
	 * @return the count
	 */
	public int count() {
		return this.count;
	}

	/**
	 * The time since the fetch started.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	@Override
	public String toString() {
		return "FlyLogsFetchEvent[phase=" + this.phase + ", app=" + this.app + ", error=" + this.error + ", count="
				+ this.count + ", duration=" + this.duration + "]";
	}

	/**
	 * The span phases.
	 */
	public enum Phase {

		/** The fetch begins. */
		START,

		/** Fly answered (successfully or with an error status). */
		STOP,

		/** No answer: a transport failure or a timeout. */
		EXCEPTION

	}

}
