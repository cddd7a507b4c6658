package io.exatlas.orchestrator;

import java.time.Clock;

import io.exatlas.event.ExAtlasEvent;

/**
 * A compute session event that happened on another instance of the application, relayed through Redis (when
 * {@code exatlas.redis.relay-events} is on). It is published only here, never relayed again, and not counted by the
 * library's meters (the instance where it happened counted it).
 */
public final class RemoteComputeSessionEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String originInstance;

	private final transient ComputeSessionEvent event;

	/**
	 * Create the event.
	 * @param source the relay
	 * @param clock the clock that stamps its arrival
	 * @param originInstance the instance where it happened
	 * @param event the event as it happened there
	 */
	public RemoteComputeSessionEvent(Object source, Clock clock, String originInstance, ComputeSessionEvent event) {
		super(source, clock);
		this.originInstance = originInstance;
		this.event = event;
	}

	/**
	 * The instance where the event happened.
	 * @return its orchestrator instance id
	 */
	public String originInstance() {
		return this.originInstance;
	}

	/**
	 * The event as it happened on the other instance (its timestamp is the original one).
	 * @return the event
	 */
	public ComputeSessionEvent event() {
		return this.event;
	}

	@Override
	public String toString() {
		return "RemoteComputeSessionEvent[origin=" + this.originInstance + ", " + this.event + "]";
	}

}
