package io.exatlas.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationView;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

import org.springframework.stereotype.Component;

/**
 * The live progress of spawns started from the console: every library observation (placement, each attempt, the
 * cloud's spawn, the readiness probe and its steps, the session spawn) that runs under a spawn's root observation
 * ({@value #ROOT}, keyed by its ticket) becomes a line when it starts and when it ends, with its low-cardinality
 * keys (provider, outcome, step…). The library documents these observations; nothing here is specific to a cloud.
 * Each ticket's lines are replayed to a late subscriber; the last {@value #TICKETS} tickets are kept.
 */
@Component
class SpawnProgress implements ObservationHandler<Observation.Context> {

	static final String ROOT = "sample.spawn";

	static final String TICKET = "ticket";

	static final int TICKETS = 50;

	private final Map<String, Sinks.Many<Line>> tickets = new LinkedHashMap<>(16, 0.75f, false) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Sinks.Many<Line>> eldest) {
			if (size() <= TICKETS) {
				return false;
			}
			// Forgotten: a subscriber still following it gets the end of its stream, not a hang.
			eldest.getValue().tryEmitComplete();
			return true;
		}

	};

	@Override
	public boolean supportsContext(Observation.Context context) {
		return true;
	}

	@Override
	public void onStart(Observation.Context context) {
		line(context, "started");
	}

	@Override
	public void onStop(Observation.Context context) {
		line(context, (context.getError() != null) ? "failed" : "ended");
	}

	synchronized void open(String ticket) {
		this.tickets.put(ticket, Sinks.many().replay().limit(500));
	}

	synchronized @Nullable Flux<Line> lines(String ticket) {
		Sinks.Many<Line> lines = this.tickets.get(ticket);
		return (lines != null) ? lines.asFlux() : null;
	}

	/**
	 * The spawn ended: its last line, then the end of the stream.
	 * @param ticket the spawn
	 * @param phase {@code ready} or {@code failed}
	 * @param detail the session id, or what failed
	 */
	void finish(String ticket, String phase, String detail) {
		Sinks.Many<Line> lines = sink(ticket);
		if (lines != null) {
			lines.emitNext(new Line(Instant.now(), "session", phase, Map.of("detail", detail)), retry());
			lines.emitComplete(retry());
		}
	}

	private void line(Observation.Context context, String phase) {
		if (ROOT.equals(context.getName())) {
			return;
		}
		String ticket = ticketOf(context.getParentObservation());
		Sinks.Many<Line> lines = (ticket != null) ? sink(ticket) : null;
		if (lines == null) {
			return;
		}
		Map<String, String> keys = new TreeMap<>();
		for (KeyValue key : context.getLowCardinalityKeyValues()) {
			keys.put(key.getKey(), key.getValue());
		}
		lines.emitNext(new Line(Instant.now(), context.getName(), phase, keys), retry());
	}

	private synchronized Sinks.@Nullable Many<Line> sink(String ticket) {
		return this.tickets.get(ticket);
	}

	private static @Nullable String ticketOf(@Nullable ObservationView parent) {
		for (ObservationView view = parent; view != null; view = view.getContextView().getParentObservation()) {
			if (ROOT.equals(view.getContextView().getName())) {
				KeyValue ticket = view.getContextView().getHighCardinalityKeyValue(TICKET);
				return (ticket != null) ? ticket.getValue() : null;
			}
		}
		return null;
	}

	private static Sinks.EmitFailureHandler retry() {
		return Sinks.EmitFailureHandler.busyLooping(Duration.ofMillis(100));
	}

	/**
	 * One line of progress.
	 *
	 * @param at when
	 * @param name the observation (e.g. {@code exatlas.compute.placement.attempt}), or {@code session} for the end
	 * @param phase {@code started}, {@code ended}, {@code failed}, or the spawn's end ({@code ready}, {@code failed})
	 * @param keys the observation's low-cardinality keys
	 */
	record Line(Instant at, String name, String phase, Map<String, String> keys) {
	}

}
