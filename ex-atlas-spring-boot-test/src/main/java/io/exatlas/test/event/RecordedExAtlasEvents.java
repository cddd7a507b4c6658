package io.exatlas.test.event;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.event.ExAtlasEvent;

/**
 * ExAtlas events recorded in the order they arrived, with the queries tests make of them. Thread-safe: events may
 * arrive on Netty or scheduler threads while the test reads.
 */
public abstract class RecordedExAtlasEvents {

	private final List<ExAtlasEvent> events = new CopyOnWriteArrayList<>();

	/**
	 * Record an event.
	 * @param event the event
	 */
	protected final void record(ExAtlasEvent event) {
		this.events.add(event);
	}

	/**
	 * Every recorded event, in order.
	 * @return a snapshot
	 */
	public List<ExAtlasEvent> all() {
		return List.copyOf(this.events);
	}

	/**
	 * The recorded events of one type, in order.
	 * @param <T> the event type
	 * @param type the event class (subclasses match too)
	 * @return a snapshot
	 */
	public <T extends ExAtlasEvent> List<T> ofType(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	/**
	 * The one recorded event of a type.
	 * @param <T> the event type
	 * @param type the event class
	 * @return the event
	 * @throws AssertionError unless exactly one was recorded
	 */
	public <T extends ExAtlasEvent> T single(Class<T> type) {
		List<T> matching = ofType(type);
		if (matching.size() != 1) {
			throw new AssertionError("expected one " + type.getSimpleName() + " but got " + matching);
		}
		return matching.get(0);
	}

	/**
	 * Forget everything recorded so far.
	 */
	public void clear() {
		this.events.clear();
	}

}
