package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

import io.exatlas.event.ExAtlasEvent;

/**
 * Start of a Fly token acquisition ({@code get} or {@code refresh}): the reference's
 * {@code [:ex_atlas, :fly, :token, :acquire, :start]}.
 */
public final class FlyTokenAcquireStartEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String app;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param app the Fly app
	 */
	public FlyTokenAcquireStartEvent(Object source, Clock clock, String app) {
		super(source, clock);
		this.app = Objects.requireNonNull(app, "app");
	}

	/**
	 * The Fly app.
	 * @return the app name
	 */
	public String app() {
		return this.app;
	}

	/**
	 * The wall-clock time the acquisition started (the span's {@code system_time}).
	 * @return the instant
	 */
	public Instant systemTime() {
		return instant();
	}

	@Override
	public String toString() {
		return "FlyTokenAcquireStartEvent[app=" + this.app + ", systemTime=" + systemTime() + "]";
	}

}
