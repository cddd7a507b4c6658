package io.exatlas.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.exatlas.events.ExAtlasEvent;
import io.exatlas.events.ExAtlasEventPublisher;

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

}
