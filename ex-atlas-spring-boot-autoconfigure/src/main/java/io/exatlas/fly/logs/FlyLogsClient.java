package io.exatlas.fly.logs;

import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.compute.ProviderContext;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyAppNames;
import io.exatlas.fly.logs.FlyLogsFetchEvent.Phase;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.ReactiveFlyTokens;
import io.exatlas.fly.tokens.TokenSource;
import io.exatlas.providers.http.ProviderHttpClient;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * Fetches a Fly app's logs from Fly's log API ({@code GET https://api.fly.io/api/v1/apps/{app}/logs}, a JSON:API
 * document whose {@code meta.next_token} is the cursor of the next call). The token comes from the Fly token chain
 * and is sent exactly as the chain holds it ({@code FlyV1} or {@code Bearer}); on a 401 the app's token is
 * refreshed and the fetch retried exactly once. Every fetch is a {@link FlyLogsFetchEvent} span; malformed entries
 * are skipped and counted, never fatal.
 */
public class FlyLogsClient {

	private final ProviderHttpClient http;

	private final ReactiveFlyTokens tokens;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	/**
	 * Create the client.
	 * @param http the HTTP client for Fly's platform API (credentials are passed per call)
	 * @param tokens the token chain
	 * @param events where span events go
	 * @param clock the event clock
	 */
	public FlyLogsClient(ProviderHttpClient http, ReactiveFlyTokens tokens, ExAtlasEventPublisher events,
			Clock clock) {
		this.http = http;
		this.tokens = tokens;
		this.events = events;
		this.clock = clock;
	}

	/**
	 * Fetch the logs after a cursor.
	 * @param app the Fly app
	 * @param nextToken the cursor from the previous page, or {@code null} for the most recent logs
	 * @param region only this region, or {@code null}
	 * @param instance only this machine, or {@code null}
	 * @return the page
	 */
	public Mono<LogPage> fetch(String app, @Nullable String nextToken, @Nullable String region,
			@Nullable String instance) {
		return Mono.defer(() -> {
			FlyAppNames.requireValid(app);
			return this.tokens.get(app)
				.flatMap((token) -> fetchOnce(app, token, nextToken, region, instance))
				.onErrorResume(FlyLogsClient::rejectedToken, (ex) -> this.tokens.refresh(app)
					.flatMap((token) -> fetchOnce(app, token, nextToken, region, instance)));
		});
	}

	/**
	 * Fetch the logs from a moment on (Fly's {@code next_token} is a nanosecond timestamp; the reference's
	 * {@code start_time}). Continue with {@link LogPage#nextToken()} or {@link LogPage#nextStartTime()}.
	 * @param app the Fly app
	 * @param startTime the earliest entries wanted
	 * @param region only this region, or {@code null}
	 * @param instance only this machine, or {@code null}
	 * @return the page
	 */
	public Mono<LogPage> fetchSince(String app, Instant startTime, @Nullable String region, @Nullable String instance) {
		return fetch(app, cursor(startTime), region, instance);
	}

	/**
	 * Fetch the logs with a token of the caller's own instead of the token chain's (the reference's
	 * {@code fetch_logs(app, token, opts)}): one attempt, no refresh on a 401, the same span events.
	 * @param app the Fly app
	 * @param token the token, sent as the chain would send it ({@code FlyV1} or {@code Bearer})
	 * @param startTime the earliest entries wanted, or {@code null} for the most recent logs
	 * @param region only this region, or {@code null}
	 * @param instance only this machine, or {@code null}
	 * @return the page
	 */
	public Mono<LogPage> fetch(String app, Secret token, @Nullable Instant startTime, @Nullable String region,
			@Nullable String instance) {
		return Mono.defer(() -> {
			FlyAppNames.requireValid(app);
			return fetchOnce(app, new FlyToken(app, token, TokenSource.MANUAL, null),
					(startTime != null) ? cursor(startTime) : null, region, instance);
		});
	}

	/**
	 * Fly's cursor for a moment: nanoseconds since the epoch, as text.
	 * @param startTime the moment
	 * @return the cursor
	 */
	static String cursor(Instant startTime) {
		return BigInteger.valueOf(startTime.getEpochSecond())
			.multiply(BigInteger.valueOf(1_000_000_000L))
			.add(BigInteger.valueOf(startTime.getNano()))
			.toString();
	}

	private Mono<LogPage> fetchOnce(String app, FlyToken token, @Nullable String nextToken, @Nullable String region,
			@Nullable String instance) {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			AtomicBoolean ended = new AtomicBoolean();
			publish(Phase.START, app, null, 0, Duration.ZERO);
			return this.http.get("/api/v1/apps/{app}/logs", app)
				.query("next_token", (nextToken != null) ? nextToken : "")
				.query("region", region)
				.query("instance", instance)
				.retrieve(new ProviderContext(token.token()))
				.map((body) -> LogPage.fromJsonApi(app, body))
				.doOnNext((page) -> end(ended, Phase.STOP, app, null, page.entries().size(), start))
				.doOnError((ex) -> {
					ExAtlasException atlas = (ex instanceof ExAtlasException e) ? e : null;
					boolean answered = atlas != null && atlas.status().isPresent();
					end(ended, answered ? Phase.STOP : Phase.EXCEPTION, app,
							(atlas != null) ? atlas.kind() : ErrorKind.UNKNOWN, 0, start);
				})
				.doOnCancel(() -> end(ended, Phase.EXCEPTION, app, ErrorKind.CANCELLED, 0, start));
		});
	}

	private static boolean rejectedToken(Throwable ex) {
		return ex instanceof ExAtlasException atlas && atlas.status().isPresent() && atlas.status().getAsInt() == 401;
	}

	/** The fetch's one end: the first of its answer, its failure and its cancellation. */
	private void end(AtomicBoolean ended, Phase phase, String app, @Nullable ErrorKind error, int count, long start) {
		if (ended.compareAndSet(false, true)) {
			publish(phase, app, error, count, since(start));
		}
	}

	private void publish(Phase phase, String app, @Nullable ErrorKind error, int count, Duration duration) {
		this.events.publish(new FlyLogsFetchEvent(this, this.clock, phase, app, error, count, duration));
	}

	private static Duration since(long start) {
		return Duration.ofNanos(System.nanoTime() - start);
	}

}
