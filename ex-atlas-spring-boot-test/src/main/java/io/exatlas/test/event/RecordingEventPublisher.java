package io.exatlas.test.event;

import io.exatlas.event.ExAtlasEvent;
import io.exatlas.event.ExAtlasEventPublisher;

/**
 * An {@link ExAtlasEventPublisher} that keeps every event published to it, for unit tests that build the library's
 * components (or a provider's HTTP clients) by hand, without a Spring context. In an application test, use
 * {@link ExAtlasEventRecorder} instead: it listens beside the application's own publisher rather than replacing it.
 */
public final class RecordingEventPublisher extends RecordedExAtlasEvents implements ExAtlasEventPublisher {

	@Override
	public void publish(ExAtlasEvent event) {
		record(event);
	}

}
