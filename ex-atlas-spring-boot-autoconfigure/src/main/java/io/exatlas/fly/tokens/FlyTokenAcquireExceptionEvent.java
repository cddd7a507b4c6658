package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;

/**
 * A Fly token acquisition that failed unexpectedly (not a plain chain miss, which ends with a stop event of
 * source {@code NONE}): the reference's {@code [:ex_atlas, :fly, :token, :acquire, :exception]}.
 */
public final class FlyTokenAcquireExceptionEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String app;

	private final String kind;

	private final Duration duration;

	private final long monotonicTime;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param app the Fly app
	 * @param kind the failure's kind (an {@code ErrorKind} name or an exception class name; never a message)
	 * @param duration how long the acquisition took
	 * @param monotonicTime {@link System#nanoTime()} when it failed
	 */
	public FlyTokenAcquireExceptionEvent(Object source, Clock clock, String app, String kind, Duration duration,
			long monotonicTime) {
		super(source, clock);
		this.app = Objects.requireNonNull(app, "app");
		this.kind = Objects.requireNonNull(kind, "kind");
		this.duration = Objects.requireNonNull(duration, "duration");
		this.monotonicTime = monotonicTime;
	}

	/**
	 * The Fly app.
	 * @return the app name
	 */
	public String app() {
		return this.app;
	}

	/**
	 * The failure's kind.
	 * @return an {@code ErrorKind} name or an exception class name
	 */
	public String kind() {
		return this.kind;
	}

	/**
	 * How long the acquisition took before failing.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * {@link System#nanoTime()} when it failed.
	 * @return the monotonic time in nanoseconds
	 */
	public long monotonicTime() {
		return this.monotonicTime;
	}

	@Override
	public String toString() {
		return "FlyTokenAcquireExceptionEvent[app=" + this.app + ", kind=" + this.kind + ", duration=" + this.duration
				+ "]";
	}

}
