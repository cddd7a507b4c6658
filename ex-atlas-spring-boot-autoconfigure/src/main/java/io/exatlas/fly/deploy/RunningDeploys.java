package io.exatlas.fly.deploy;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.internal.UserInput;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;

/**
 * The streamed deploys running now, by ticket, so that any part of an application can follow one while it runs
 * (the reference's deploy subscription by ticket): each joiner gets the last {@code replayLines} lines, then the
 * rest as they come, and the deploy's end (completion, its error, or {@code CANCELLED} when its owner cancelled and
 * the process was killed). A deploy leaves the registry when it ends. Joining or leaving never affects the deploy.
 */
public final class RunningDeploys {

	private final int replayLines;

	private final ConcurrentMap<String, Sinks.Many<String>> running = new ConcurrentHashMap<>();

	/**
	 * Create the registry.
	 * @param replayLines how many recent lines a late joiner gets first
	 */
	public RunningDeploys(int replayLines) {
		if (replayLines < 0) {
			throw new IllegalArgumentException("replayLines must not be negative");
		}
		this.replayLines = replayLines;
	}

	/**
	 * Register a deploy under its ticket for as long as it runs.
	 * @param ticketId the ticket
	 * @param deploy the deploy's lines (it starts when the returned flux is subscribed)
	 * @return the same lines; a {@code VALIDATION} error when a deploy with that ticket is already running
	 */
	Flux<String> track(String ticketId, Flux<String> deploy) {
		return Flux.defer(() -> {
			Sinks.Many<String> lines = Sinks.many().replay().limit(this.replayLines);
			if (this.running.putIfAbsent(ticketId, lines) != null) {
				return Flux.error(ExAtlasException.validation("fly",
						"a deploy with ticket '" + UserInput.printable(ticketId) + "' is running"));
			}
			return deploy.doOnNext(lines::tryEmitNext)
				.doOnComplete(lines::tryEmitComplete)
				.doOnError(lines::tryEmitError)
				.doOnCancel(() -> lines.tryEmitError(ExAtlasException.builder(ErrorKind.CANCELLED)
					.provider("fly")
					.message("the deploy with ticket '" + UserInput.printable(ticketId)
							+ "' was cancelled by its owner; the process was killed")
					.build()))
				.doFinally((signal) -> this.running.remove(ticketId, lines));
		});
	}

	/**
	 * Follow a running deploy: its recent lines, then the rest until it ends. Cancel to leave.
	 * @param ticketId the ticket
	 * @return the lines; a {@code NOT_FOUND} error when no deploy with that ticket runs
	 */
	public Flux<String> join(String ticketId) {
		return Flux.defer(() -> {
			Sinks.Many<String> lines = this.running.get(ticketId);
			return (lines != null) ? lines.asFlux() : Flux.error(ExAtlasException.notFound("fly",
					"no deploy with ticket '" + UserInput.printable(ticketId) + "' is running"));
		});
	}

	/**
	 * The tickets of the deploys running now.
	 * @return the tickets
	 */
	public Set<String> tickets() {
		return Set.copyOf(this.running.keySet());
	}

}
