package io.exatlas.sample;

import java.time.Duration;

import io.exatlas.orchestrator.ComputeSessionEvent;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The last {@value #CAPACITY} session events, replayed to every page that opens the event log before the live ones,
 * so that a newly opened page does not start empty. Bounded: older events are dropped. The stream completes when the
 * application shuts down, so that open event-stream responses end.
 */
@Component
class RecentSessionEvents {

	static final int CAPACITY = 200;

	private final Sinks.Many<SessionController.SessionEventView> events = Sinks.many().replay().limit(CAPACITY);

	@EventListener
	void onSessionEvent(ComputeSessionEvent event) {
		this.events.emitNext(SessionController.SessionEventView.of(event),
				Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	@EventListener
	void onClose(ContextClosedEvent closed) {
		this.events.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	/**
	 * The recent events, then the live ones.
	 * @return the stream
	 */
	Flux<SessionController.SessionEventView> events() {
		return this.events.asFlux();
	}

}
