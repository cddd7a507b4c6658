package io.exatlas.sample;

import java.time.Duration;
import java.util.Map;

import io.exatlas.fly.logs.FlyLogTail;
import reactor.core.publisher.Flux;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A live tail of a Fly app's logs as server-sent events: every browser tab shares the app's one poller. Needs a Fly
 * token (FLY_API_TOKEN, ~/.fly/config.yml or the fly CLI); without one the stream ends with an error event.
 */
@RestController
class FlyLogsController {

	private final ObjectProvider<FlyLogTail> tails;

	FlyLogsController(ObjectProvider<FlyLogTail> tails) {
		this.tails = tails;
	}

	/**
	 * The app's live log tail: {@code log} events with an entry each, an {@code error} event with its message when
	 * the tail fails, and a {@code stopped} event at the end. Every event carries data, so a browser's
	 * {@code EventSource} dispatches each one.
	 */
	@GetMapping(path = "/api/fly/apps/{app}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<Object>> tail(@PathVariable String app) {
		FlyLogTail tail = this.tails.getIfAvailable();
		if (tail == null) {
			return Flux.just(error("Fly logs are disabled"), stopped());
		}
		Flux<ServerSentEvent<Object>> entries = tail.tail(app)
			.map((entry) -> ServerSentEvent.<Object>builder(entry).event("log").build())
			.onErrorResume((ex) -> Flux.just(error(Printable.of(ex.getMessage()))));
		Flux<ServerSentEvent<Object>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map((tick) -> ServerSentEvent.<Object>builder().comment("keep-alive").build());
		return entries
			.publish((shared) -> shared.mergeWith(heartbeats.takeUntilOther(shared.ignoreElements())))
			.concatWith(Flux.just(stopped()));
	}

	private static ServerSentEvent<Object> error(String message) {
		return ServerSentEvent.<Object>builder(Map.of("message", message)).event("error").build();
	}

	private static ServerSentEvent<Object> stopped() {
		return ServerSentEvent.<Object>builder(Map.of()).event("stopped").build();
	}

}
