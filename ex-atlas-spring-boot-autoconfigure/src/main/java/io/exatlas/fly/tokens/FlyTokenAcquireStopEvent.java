package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;


/**
 * End of a Fly token acquisition: the reference's {@code [:ex_atlas, :fly, :token, :acquire, :stop]}. Read
 * {@link #source()} and {@link #acquirer()} together: {@code CACHE}/{@code FACADE} is a fast-path hit;
 * {@code CACHE}/{@code APP_SERVER} is a coalesced caller (a concurrent first caller filled the cache);
 * {@code CLI}/{@code APP_SERVER} is the first caller doing the work; {@code STORAGE}/{@code APP_SERVER} follows a
 * restart; {@code NONE}/{@code APP_SERVER} is a full miss (the caller gets an error).
 */
public final class FlyTokenAcquireStopEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String app;

	private final TokenSource source;

	private final TokenAcquirer acquirer;

	private final Duration duration;

	private final long monotonicTime;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param app the Fly app
	 * @param tokenSource where the token came from
	 * @param acquirer who served it
	 * @param duration how long the acquisition took
	 * @param monotonicTime {@link System#nanoTime()} when it ended
	 */
	public FlyTokenAcquireStopEvent(Object source, Clock clock, String app, TokenSource tokenSource,
			TokenAcquirer acquirer, Duration duration, long monotonicTime) {
		super(source, clock);
		this.app = Objects.requireNonNull(app, "app");
		this.source = Objects.requireNonNull(tokenSource, "tokenSource");
		this.acquirer = Objects.requireNonNull(acquirer, "acquirer");
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
	 * Where the token came from ({@code NONE} when the chain was exhausted).
	 * @return the source
	 */
	public TokenSource source() {
		return this.source;
	}

	/**
	 * Who served the acquisition.
	 * @return the acquirer
	 */
	public TokenAcquirer acquirer() {
		return this.acquirer;
	}

	/**
	 * How long the acquisition took.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * {@link System#nanoTime()} when the acquisition ended (the span's {@code monotonic_time}).
	 * @return the monotonic time in nanoseconds
	 */
	public long monotonicTime() {
		return this.monotonicTime;
	}

	@Override
	public String toString() {
		return "FlyTokenAcquireStopEvent[app=" + this.app + ", source=" + this.source + ", acquirer=" + this.acquirer
				+ ", duration=" + this.duration + "]";
	}

}
