package io.exatlas.orchestrator;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.internal.EndsOnce;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.contextpropagation.ObservationThreadLocalAccessor;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Observes session spawns ({@link SessionObservationDocumentation#SESSION_SPAWN}): one observation per spawn, in the
 * Reactor context so the cloud's spawn (or the placement) and the readiness probe are its children; it stops once.
 */
final class SessionSpawnObservations {

	private final ObservationRegistry observations;

	SessionSpawnObservations(ObservationRegistry observations) {
		this.observations = observations;
	}

	/** The spawn as one observation, parent of the facade's spawn (or the placement) and of the readiness steps. */
	Mono<TrackedSession> observe(Mono<TrackedSession> spawn, boolean ready) {
		if (this.observations.isNoop()) {
			return spawn;
		}
		return Mono.deferContextual((view) -> {
			Observation observation = SessionObservationDocumentation.SESSION_SPAWN.observation(this.observations)
				.parentObservation(view.getOrDefault(ObservationThreadLocalAccessor.KEY, null))
				.start();
			return EndsOnce
				.mono(spawn,
						(session) -> stopSpawn(observation, ready ? "ready" : "tracked",
								(session != null) ? session.provider() : "none", null),
						(ex) -> stopSpawn(observation, "failed", "none", ex),
						() -> stopSpawn(observation, "cancelled", "none", null))
				.contextWrite((context) -> context.put(ObservationThreadLocalAccessor.KEY, observation));
		});
	}

	private static void stopSpawn(Observation observation, String outcome, String provider,
			@Nullable Throwable failure) {
		ErrorKind kind = (failure == null) ? null
				: (failure instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
		observation.lowCardinalityKeyValue(SessionObservationDocumentation.Keys.OUTCOME.withValue(outcome))
			.lowCardinalityKeyValue(SessionObservationDocumentation.Keys.PROVIDER.withValue(provider))
			.lowCardinalityKeyValue(SessionObservationDocumentation.Keys.ERROR_KIND.withValue((kind != null)
					? kind.tagValue() : "cancelled".equals(outcome) ? ErrorKind.CANCELLED.tagValue() : "none"));
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

}
