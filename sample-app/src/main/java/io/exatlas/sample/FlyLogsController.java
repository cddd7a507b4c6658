package io.exatlas.sample;

import java.time.Duration;

import io.exatlas.fly.logs.FlyLogTail;
import io.exatlas.fly.logs.LogEntry;
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

	@GetMapping(path = "/api/fly/apps/{app}/logs", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
	Flux<ServerSentEvent<LogEntry>> tail(@PathVariable String app) {
		FlyLogTail tail = this.tails.getIfAvailable();
		if (tail == null) {
			return Flux.just(ServerSentEvent.<LogEntry>builder().event("error").comment("Fly logs are disabled").build());
		}
		Flux<ServerSentEvent<LogEntry>> entries = tail.tail(app)
			.map((entry) -> ServerSentEvent.builder(entry).event("log").build())
			.onErrorResume((ex) -> Flux
				.just(ServerSentEvent.<LogEntry>builder().event("error").comment(ex.getMessage()).build()));
		Flux<ServerSentEvent<LogEntry>> heartbeats = Flux.interval(Duration.ofSeconds(15))
			.map((tick) -> ServerSentEvent.<LogEntry>builder().comment("keep-alive").build());
		return entries
			.publish((shared) -> shared.mergeWith(heartbeats.takeUntilOther(shared.ignoreElements())))
			.concatWith(Flux.just(ServerSentEvent.<LogEntry>builder().event("stopped").build()));
	}

}
