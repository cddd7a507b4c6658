package io.exatlas.orchestrator;

import java.time.Clock;
import java.time.Duration;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.orchestrator.ComputeSessionEvent.Type;
import io.exatlas.spend.SessionSpend;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * Publishes the orchestrator's {@link ComputeSessionEvent}s, both as Spring events and on a hot stream per session
 * (the reference's {@code compute:<id>} topic). A stream subscriber that cannot keep up misses events instead of
 * slowing the orchestrator down.
 */
final class SessionEvents {

	private final Object source;

	private final ExAtlasEventPublisher publisher;

	private final Clock clock;

	private final Sinks.Many<ComputeSessionEvent> stream = Sinks.many().multicast().directBestEffort();

	SessionEvents(Object source, ExAtlasEventPublisher publisher, Clock clock) {
		this.source = source;
		this.publisher = publisher;
		this.clock = clock;
	}

	void publish(String id, String provider, @Nullable String userId, Type type, @Nullable ComputeStatus status,
			@Nullable TerminationReason reason, @Nullable ErrorKind errorKind) {
		publish(id, provider, userId, type, status, reason, errorKind, null);
	}

	void publish(String id, String provider, @Nullable String userId, Type type, @Nullable ComputeStatus status,
			@Nullable TerminationReason reason, @Nullable ErrorKind errorKind, @Nullable SessionSpend spend) {
		ComputeSessionEvent event = new ComputeSessionEvent(this.source, this.clock, id, provider, userId, type, status,
				reason, errorKind, (spend != null) ? spend.pricePerHour() : null,
				(spend != null) ? spend.accruedAt(this.clock.instant()) : null);
		this.publisher.publish(event);
		this.stream.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	Flux<ComputeSessionEvent> of(String id) {
		return this.stream.asFlux().filter((event) -> event.computeId().equals(id)).takeUntil(SessionEvents::isTerminal);
	}

	Flux<ComputeSessionEvent> all() {
		return this.stream.asFlux();
	}

	void complete() {
		this.stream.emitComplete(Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100)));
	}

	private static boolean isTerminal(ComputeSessionEvent event) {
		return event.type() == Type.TERMINATE_FAILED
				|| (event.type() == Type.STATUS && event.status() == ComputeStatus.TERMINATED);
	}

}
