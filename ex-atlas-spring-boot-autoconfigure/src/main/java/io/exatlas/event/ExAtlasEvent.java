package io.exatlas.event;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.ApplicationEvent;

/**
 * The common type of every event the library publishes; listen to it to receive them all.
 */
public abstract class ExAtlasEvent extends ApplicationEvent {

	private static final long serialVersionUID = 1L;

	/**
	 * Create an event.
	 * @param source the component that published it
	 * @param clock the clock that stamps it
	 */
	protected ExAtlasEvent(Object source, Clock clock) {
		super(source, clock);
	}

	/**
	 * When the event was published.
	 * @return the instant
	 */
	public Instant instant() {
		return Instant.ofEpochMilli(getTimestamp());
	}

}
