package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;

import io.exatlas.ExAtlasException;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyObservationDocumentation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * The token chain's telemetry: the reference's acquire span as events (start, then stop or exception), the
 * statistics the actuator endpoint shows, and an observation per resolution by the chain (cache misses).
 */
final class TokenTelemetry {

	private final Object source;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final ObservationRegistry observations;

	private final FlyTokenStatistics statistics = new FlyTokenStatistics();

	TokenTelemetry(Object source, ExAtlasEventPublisher events, Clock clock, ObservationRegistry observations) {
		this.source = source;
		this.events = events;
		this.clock = clock;
		this.observations = observations;
	}

	FlyTokenStatistics statistics() {
		return this.statistics;
	}

	void start(String app) {
		this.events.publish(new FlyTokenAcquireStartEvent(this.source, this.clock, app));
	}

	void stop(String app, TokenSource source, TokenAcquirer acquirer, long startNanos) {
		long now = System.nanoTime();
		FlyTokenAcquireStopEvent event = new FlyTokenAcquireStopEvent(this.source, this.clock, app, source, acquirer,
				Duration.ofNanos(now - startNanos), now);
		this.statistics.recordAcquired(app, source, acquirer, event.getTimestamp());
		this.events.publish(event);
	}

	void exception(String app, Throwable failure, long startNanos) {
		long now = System.nanoTime();
		String kind = (failure instanceof ExAtlasException atlas) ? atlas.kind().name()
				: failure.getClass().getSimpleName();
		this.statistics.recordFailure(app, kind, this.clock.millis());
		this.events.publish(new FlyTokenAcquireExceptionEvent(this.source, this.clock, app, kind,
				Duration.ofNanos(now - startNanos), now));
	}

	/**
	 * Count a chain that found nothing ({@code NONE}) as a failure of the app.
	 * @param app the app
	 */
	void nothingFound(String app) {
		this.statistics.recordFailure(app, TokenSource.NONE.name(), this.clock.millis());
	}

	/**
	 * Start the observation of one resolution by the chain.
	 * @param app the app
	 * @param refresh whether it is a refresh
	 * @return the started observation
	 */
	Observation startResolution(String app, boolean refresh) {
		return FlyObservationDocumentation.TOKEN_RESOLUTION.observation(this.observations)
			.lowCardinalityKeyValue(FlyObservationDocumentation.Keys.REFRESH.withValue(String.valueOf(refresh)))
			.highCardinalityKeyValue(FlyObservationDocumentation.Keys.APP.withValue(app))
			.start();
	}

	/**
	 * Tag a resolution's observation with where the token came from ({@code error} on a failure).
	 * @param observation the observation
	 * @param source the source, or {@code null} on a failure
	 */
	static void resolved(Observation observation, @Nullable TokenSource source) {
		observation.lowCardinalityKeyValue(FlyObservationDocumentation.Keys.SOURCE
			.withValue((source != null) ? source.name().toLowerCase(Locale.ROOT) : "error"));
	}

}
