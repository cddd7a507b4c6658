package io.exatlas.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.event.ExAtlasEvent;
import io.exatlas.event.ExAtlasEventPublisher;

/**
 * Keeps every published event, in order, for assertions.
 */
public final class RecordingEventPublisher implements ExAtlasEventPublisher {

	private final List<ExAtlasEvent> events = new CopyOnWriteArrayList<>();

	@Override
	public void publish(ExAtlasEvent event) {
		this.events.add(event);
	}

	public List<ExAtlasEvent> all() {
		return List.copyOf(this.events);
	}

	public <T extends ExAtlasEvent> List<T> ofType(Class<T> type) {
		return this.events.stream().filter(type::isInstance).map(type::cast).toList();
	}

	public void clear() {
		this.events.clear();
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

}
