package io.exatlas.fly.logs;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ExAtlasException;
import io.exatlas.fly.FlyAppNames;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.publisher.BufferOverflowStrategy;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.retry.Retry;

/**
 * Live tails of Fly apps' logs: one poller per app, whatever the number of subscribers. The poller starts with the
 * first subscriber, follows Fly's cursor every poll interval, backs off on transient errors (doubling up to a
 * bound) and keeps going, and stops when the last subscriber cancels. A tail ends with an error on a permanent
 * failure (such as an app without a token), and completes for every subscriber when it is {@link #stop(String)
 * stopped} or the tail is {@link #close() closed}.
 * <p>
 * Each subscriber has its own bounded buffer: a subscriber that does not keep up loses entries (the oldest or the
 * newest, per {@link Overflow}) or is dropped with an error, so one stuck consumer cannot grow memory without bound
 * or hold back the others. Entries are delivered on a bounded-elastic thread, so even a subscriber that blocks never
 * stalls the poller.
 */
public class FlyLogTail implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(FlyLogTail.class);

	private final FlyLogsClient client;

	private final Duration pollInterval;

	private final Duration maxBackoff;

	private final int bufferSize;

	private final Overflow overflow;

	private final Scheduler scheduler;

	private final Map<String, Flux<LogEntry>> tails = new ConcurrentHashMap<>();

	private final Map<String, Sinks.Empty<Void>> stopSignals = new ConcurrentHashMap<>();

	/** The subscriptions that keep warmed-up pollers running without a subscriber of the application. */
	private final Map<String, Disposable> keepers = new ConcurrentHashMap<>();

	private final AtomicLong dropped = new AtomicLong();

	/**
	 * Create the tails.
	 * @param client fetches pages
	 * @param pollInterval the wait between fetches
	 * @param maxBackoff the longest wait after consecutive transient errors
	 * @param bufferSize entries buffered per subscriber
	 * @param overflow what happens when a subscriber's buffer is full
	 * @param scheduler drives the waits
	 */
	public FlyLogTail(FlyLogsClient client, Duration pollInterval, Duration maxBackoff, int bufferSize,
			Overflow overflow, Scheduler scheduler) {
		this.client = client;
		this.pollInterval = pollInterval;
		this.maxBackoff = maxBackoff;
		this.bufferSize = bufferSize;
		this.overflow = overflow;
		this.scheduler = scheduler;
	}

	/**
	 * Follow an app's logs from now on (starting with Fly's most recent entries).
	 * @param app the Fly app
	 * @return the entries, shared with every other subscriber of the app
	 */
	public Flux<LogEntry> tail(String app) {
		Flux<LogEntry> shared = this.tails.computeIfAbsent(app, this::sharedPoller);
		Flux<LogEntry> buffered = switch (this.overflow) {
			case DROP_OLDEST -> shared.onBackpressureBuffer(this.bufferSize, this::countDropped,
					BufferOverflowStrategy.DROP_OLDEST);
			case DROP_NEWEST -> shared.onBackpressureBuffer(this.bufferSize, this::countDropped,
					BufferOverflowStrategy.DROP_LATEST);
			case DISCONNECT -> shared.onBackpressureBuffer(this.bufferSize, this::countDropped,
					BufferOverflowStrategy.ERROR);
		};
		return buffered.publishOn(Schedulers.boundedElastic(), 1);
	}

	/**
	 * Start polling an app before anyone subscribes (a warm-up, the reference's {@code start_streamer}): the poller
	 * runs, holding its cursor, until {@link #stop(String)} (or {@link #close()}), whoever subscribes in between; a
	 * subscriber joins it and gets the entries from then on.
	 * @param app the Fly app
	 * @return {@code true} when this call started it, {@code false} when it was already running
	 * @throws io.exatlas.ExAtlasException of kind {@code VALIDATION} for an invalid app name
	 */
	public boolean start(String app) {
		FlyAppNames.requireValid(app);
		boolean[] started = new boolean[1];
		this.keepers.computeIfAbsent(app, (key) -> {
			started[0] = !this.tails.containsKey(key);
			return tail(key).subscribe(null, (ex) -> this.keepers.remove(key),
					() -> this.keepers.remove(key));
		});
		return started[0];
	}

	/**
	 * Whether an app's poller is running (started, or kept by a subscriber).
	 * @param app the Fly app
	 * @return whether it polls
	 */
	public boolean isRunning(String app) {
		return this.tails.containsKey(app);
	}

	/**
	 * The apps with a running poller.
	 * @return the app names
	 */
	public Set<String> activeApps() {
		return Set.copyOf(this.tails.keySet());
	}

	/**
	 * How many entries slow subscribers lost so far.
	 * @return the count
	 */
	public long droppedEntries() {
		return this.dropped.get();
	}

	/**
	 * Stop an app's poller; its subscribers complete.
	 * @param app the Fly app
	 */
	public void stop(String app) {
		Sinks.Empty<Void> signal = this.stopSignals.remove(app);
		if (signal != null) {
			signal.tryEmitEmpty();
		}
		Disposable keeper = this.keepers.remove(app);
		if (keeper != null) {
			keeper.dispose();
		}
	}

	/**
	 * Stop every poller; all subscribers complete.
	 */
	@Override
	public void close() {
		Set.copyOf(this.stopSignals.keySet()).forEach(this::stop);
		Set.copyOf(this.keepers.keySet()).forEach(this::stop);
	}

	private Flux<LogEntry> sharedPoller(String app) {
		Sinks.Empty<Void> stopSignal = this.stopSignals.computeIfAbsent(app, (key) -> Sinks.empty());
		AtomicReference<Flux<LogEntry>> self = new AtomicReference<>();
		Flux<LogEntry> shared = poll(app).takeUntilOther(stopSignal.asMono())
			.doFinally((signal) -> {
				this.tails.remove(app, self.get());
				this.stopSignals.remove(app, stopSignal);
			})
			.publish()
			.refCount(1);
		self.set(shared);
		return shared;
	}

	private Flux<LogEntry> poll(String app) {
		AtomicReference<String> cursor = new AtomicReference<>();
		Mono<LogPage> fetch = Mono.defer(() -> this.client.fetch(app, cursor.get(), null, null))
			.doOnNext((page) -> {
				if (page.nextToken() != null) {
					cursor.set(page.nextToken());
				}
			})
			.retryWhen(Retry.backoff(Long.MAX_VALUE, this.pollInterval)
				.maxBackoff(this.maxBackoff)
				.scheduler(this.scheduler)
				.filter(FlyLogTail::isTransient)
				.doBeforeRetry((signal) -> logger.debug("Fly log fetch for '" + app + "' failed ("
						+ signal.failure().getMessage() + "); backing off")));
		return fetch.repeatWhen((pages) -> pages.concatMap((page) -> Mono.delay(this.pollInterval, this.scheduler)))
			.concatMapIterable(LogPage::entries);
	}

	private static boolean isTransient(Throwable ex) {
		return ex instanceof ExAtlasException atlas && atlas.isTransient();
	}

	private void countDropped(LogEntry entry) {
		this.dropped.incrementAndGet();
	}

	/**
	 * What a subscriber's full buffer does with a new entry.
	 */
	public enum Overflow {

		/** Drop the oldest buffered entry. */
		DROP_OLDEST,

		/** Drop the new entry. */
		DROP_NEWEST,

		/** End that subscriber's tail with an overflow error; the others go on. */
		DISCONNECT

	}

}
