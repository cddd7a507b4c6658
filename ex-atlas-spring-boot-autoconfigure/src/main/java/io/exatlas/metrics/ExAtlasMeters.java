package io.exatlas.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.exatlas.ErrorKind;
import io.exatlas.compute.ComputeStatus;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.fly.deploy.FlyDeployLineEvent;
import io.exatlas.fly.logs.FlyLogsFetchEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireExceptionEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStartEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStopEvent;
import io.exatlas.orchestrator.ComputeSessionEvent;
import io.exatlas.orchestrator.ReaperRunEvent;
import io.exatlas.orchestrator.TerminationReason;
import io.exatlas.providers.http.ProviderRequestEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.core.ResolvableType;

/**
 * Turns the library's events into Micrometer meters, so the events stay the single source of truth. Names are
 * dotted lower case with base units (timers in seconds); tags are low-cardinality only: never a URL, a resource id,
 * a user id or a ticket id, and the Fly app only when {@code includeAppTag} is set.
 * <table>
 * <caption>Meters</caption>
 * <tr><th>meter</th><th>type</th><th>tags</th><th>from</th></tr>
 * <tr><td>{@code exatlas.provider.requests}</td><td>timer</td><td>provider, api, method, outcome, error</td>
 * <td>{@link ProviderRequestEvent} (every attempt)</td></tr>
 * <tr><td>{@code exatlas.fly.token.acquisition.failures}</td><td>counter</td><td>kind [, app]</td>
 * <td>{@link FlyTokenAcquireExceptionEvent}</td></tr>
 * <tr><td>{@code exatlas.fly.logs.fetches}</td><td>timer</td><td>status, error [, app]</td>
 * <td>{@link FlyLogsFetchEvent} stop / exception</td></tr>
 * <tr><td>{@code exatlas.fly.logs.entries}</td><td>counter</td><td>[app]</td><td>{@link FlyLogsFetchEvent}</td></tr>
 * <tr><td>{@code exatlas.fly.deploy.lines}</td><td>counter</td><td></td><td>{@link FlyDeployLineEvent}</td></tr>
 * <tr><td>{@code exatlas.orchestrator.sessions.spawned}, {@code .terminated}, {@code .idle.expired},
 * {@code .terminate.failures}, {@code .ready}, {@code .not.ready}, {@code .lifetime.expired}, {@code .idle.stopped}, {@code .resumed}</td><td>counters</td><td>provider</td><td>{@link ComputeSessionEvent}</td></tr>
 * <tr><td>{@code exatlas.reaper.runs}</td><td>timer</td><td>provider, outcome</td><td>{@link ReaperRunEvent}</td>
 * </tr>
 * <tr><td>{@code exatlas.reaper.reaped}</td><td>counter</td><td>provider</td><td>{@link ReaperRunEvent}</td></tr>
 * </table>
 * Token acquisitions ({@code exatlas.fly.token.acquisitions}) are counted by {@link FlyTokenMeters}, from the token
 * statistics. The gauge of tracked sessions ({@code exatlas.orchestrator.sessions.active}) is bound by the orchestrator's
 * auto-configuration. Compute operations and deploys are measured by their observations ({@code exatlas.compute.operation},
 * {@code exatlas.fly.deploy}), not here, so they are not counted twice.
 */
public class ExAtlasMeters implements MeterBinder, GenericApplicationListener {

	private static final String NONE = "none";

	private final CompositeMeterRegistry meters = new CompositeMeterRegistry();

	private final boolean includeAppTag;

	private final Map<MeterKey, Meter> registered = new ConcurrentHashMap<>();

	/**
	 * Create the bridge; it records once bound to a registry.
	 * @param includeAppTag whether Fly meters carry the app name (only when the number of apps is small)
	 */
	public ExAtlasMeters(boolean includeAppTag) {
		this.includeAppTag = includeAppTag;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.meters.add(registry);
	}

	/**
	 * Every library event but a token acquisition's start and stop: acquisitions are counted by {@link FlyTokenMeters}
	 * from the token statistics, so a token cache hit builds no event for the meters.
	 * @param eventType the event type
	 * @return whether this bridge takes it
	 */
	@Override
	public boolean supportsEventType(ResolvableType eventType) {
		Class<?> type = eventType.toClass();
		return ExAtlasEvent.class.isAssignableFrom(type) && !FlyTokenAcquireStartEvent.class.isAssignableFrom(type)
				&& !FlyTokenAcquireStopEvent.class.isAssignableFrom(type);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent applicationEvent) {
		if (!(applicationEvent instanceof ExAtlasEvent event)) {
			return;
		}
		if (event instanceof ProviderRequestEvent request) {
			timer("exatlas.provider.requests", "Attempts of requests to a provider's API",
					"provider", request.provider(), "api", lower(request.api().name()), "method", request.method(),
					"outcome", request.outcome(), "error", error(request.errorKind()))
				.record(request.duration());
		}
		else if (event instanceof FlyTokenAcquireExceptionEvent failure) {
			counter("exatlas.fly.token.acquisition.failures", "Fly token acquisitions that raised",
					withApp(failure.app(), "kind", failure.kind()))
				.increment();
		}
		else if (event instanceof FlyLogsFetchEvent fetch) {
			onLogsFetch(fetch);
		}
		else if (event instanceof FlyDeployLineEvent line) {
			counter("exatlas.fly.deploy.lines", "Output lines of streamed Fly deploys")
				.increment(line.count());
		}
		else if (event instanceof ComputeSessionEvent session) {
			onSession(session);
		}
		else if (event instanceof ReaperRunEvent run) {
			timer("exatlas.reaper.runs", "Reaper runs per provider",
					"provider", run.provider(), "outcome", (run.listError() == null) ? "success" : "error")
				.record(run.duration());
			counter("exatlas.reaper.reaped", "Orphaned resources the reaper terminated", "provider", run.provider())
				.increment(run.reaped());
		}
	}

	private void onLogsFetch(FlyLogsFetchEvent fetch) {
		if (fetch.phase() == FlyLogsFetchEvent.Phase.START) {
			return;
		}
		timer("exatlas.fly.logs.fetches", "Fetches of Fly app logs",
				withApp(fetch.app(), "status", fetch.ok() ? "ok" : "error", "error", error(fetch.error())))
			.record(fetch.duration());
		if (fetch.ok()) {
			counter("exatlas.fly.logs.entries", "Fly log entries fetched", withApp(fetch.app()))
				.increment(fetch.count());
		}
	}

	private void onSession(ComputeSessionEvent session) {
		String name = switch (session.type()) {
			case STATUS -> (session.status() == ComputeStatus.TERMINATED) ? "terminated" : "spawned";
			case TERMINATING -> (session.reason() == TerminationReason.IDLE_TIMEOUT) ? "idle.expired"
					: (session.reason() == TerminationReason.MAX_LIFETIME) ? "lifetime.expired" : null;
			case TERMINATE_FAILED -> "terminate.failures";
			case READY -> "ready";
			case NOT_READY -> "not.ready";
			case IDLE_STOPPED -> "idle.stopped";
			case RESUMED -> "resumed";
			case PAUSED -> "paused";
			case PRICE_CHANGED -> "price.changes";
			case HEARTBEAT -> null;
		};
		if (name != null) {
			counter("exatlas.orchestrator.sessions." + name, "Orchestrator sessions " + name.replace('.', ' '),
					"provider", session.provider())
				.increment();
		}
	}

	/**
	 * The timer of a name and tag values, registered once: events arrive on hot paths (a token cache hit), so a
	 * repeat costs one map lookup instead of building and sorting a meter id.
	 */
	private Timer timer(String name, String description, String... tags) {
		return (Timer) this.registered.computeIfAbsent(new MeterKey(name, Arrays.asList(tags)),
				(key) -> Timer.builder(name).description(description).tags(tags).register(this.meters));
	}

	private Counter counter(String name, String description, String... tags) {
		return (Counter) this.registered.computeIfAbsent(new MeterKey(name, Arrays.asList(tags)),
				(key) -> Counter.builder(name).description(description).tags(tags).register(this.meters));
	}

	private String[] withApp(String app, String... tags) {
		if (!this.includeAppTag) {
			return tags;
		}
		String[] withApp = Arrays.copyOf(tags, tags.length + 2);
		withApp[tags.length] = "app";
		withApp[tags.length + 1] = app;
		return withApp;
	}

	private static String error(@Nullable ErrorKind kind) {
		return (kind != null) ? lower(kind.name()) : NONE;
	}

	private static String lower(String value) {
		return value.toLowerCase(Locale.ROOT);
	}

	private record MeterKey(String name, List<String> tags) {
	}

}
