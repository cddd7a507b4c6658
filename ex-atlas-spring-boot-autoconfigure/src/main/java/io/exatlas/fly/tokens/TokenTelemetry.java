package io.exatlas.fly.tokens;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import io.exatlas.ExAtlasException;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAppNames;
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

	/**
	 * The app name events and statistics carry for a call with an invalid name: one bounded bucket instead of
	 * whatever the caller sent.
	 */
	static final String INVALID_APP = "(invalid app name)";

	private final FlyTokenStatistics statistics = new FlyTokenStatistics();

	private final ExAtlasEventPublisher.Gate startListened;

	private final ExAtlasEventPublisher.Gate stopListened;

	TokenTelemetry(Object source, ExAtlasEventPublisher events, Clock clock, ObservationRegistry observations) {
		this.source = source;
		this.events = events;
		this.startListened = events.gate(FlyTokenAcquireStartEvent.class);
		this.stopListened = events.gate(FlyTokenAcquireStopEvent.class);
		this.clock = clock;
		this.observations = observations;
	}

	FlyTokenStatistics statistics() {
		return this.statistics;
	}

	void start(String app) {
		this.events.publish(new FlyTokenAcquireStartEvent(this.source, this.clock, app));
	}

	/**
	 * Start the span of one acquire call: its start event now, then exactly one end, whichever of the call's
	 * outcomes comes first (the resolution, the caller's timeout, a cancel); later ones are dropped.
	 * @param app the app (an invalid name is reported as {@value #INVALID_APP})
	 * @param startNanos when the call started
	 * @return the span
	 */
	Span span(@Nullable String app, long startNanos) {
		String reported = (app != null && FlyAppNames.isValid(app)) ? app : INVALID_APP;
		start(reported);
		return new Span(reported, startNanos);
	}

	/**
	 * Whether a cache hit must be timed: only when something listens for stop events, which carry the duration.
	 * @return whether to read the clock around a hit
	 */
	boolean timesHits() {
		return this.stopListened.isOpen();
	}

	/**
	 * A fast-path cache hit (already counted by the entry's counter): its span's events, built and published only
	 * when something listens for them.
	 * @param app the app
	 * @param timed whether {@code startNanos} was read ({@link #timesHits()})
	 * @param startNanos when the call started, if timed
	 */
	void hit(String app, boolean timed, long startNanos) {
		if (this.startListened.isOpen()) {
			this.events.publish(new FlyTokenAcquireStartEvent(this.source, this.clock, app));
		}
		if (timed) {
			long now = System.nanoTime();
			this.events.publish(new FlyTokenAcquireStopEvent(this.source, this.clock, app, TokenSource.CACHE,
					TokenAcquirer.FACADE, Duration.ofNanos(now - startNanos), now));
		}
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

	/**
	 * One acquire call's span: {@code start} was published; {@code stop} or {@code exception}, exactly once.
	 */
	final class Span {

		private final String app;

		private final long startNanos;

		private final AtomicBoolean ended = new AtomicBoolean();

		private Span(String app, long startNanos) {
			this.app = app;
			this.startNanos = startNanos;
		}

		void stop(TokenSource source, TokenAcquirer acquirer) {
			if (this.ended.compareAndSet(false, true)) {
				TokenTelemetry.this.stop(this.app, source, acquirer, this.startNanos);
			}
		}

		void exception(Throwable failure) {
			if (this.ended.compareAndSet(false, true)) {
				TokenTelemetry.this.exception(this.app, failure, this.startNanos);
			}
		}

	}

}
