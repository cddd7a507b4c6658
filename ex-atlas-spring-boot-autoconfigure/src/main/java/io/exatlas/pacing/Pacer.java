package io.exatlas.pacing;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

/**
 * Paces provider requests. Before each request (each attempt of a retried one too) {@link #acquire} reserves a
 * permit of every rule the request matches from the {@link PacingPermits} (Resilience4j rate limiters in this
 * instance by default, Bucket4j buckets in Redis for limits shared by every instance) and waits, as a
 * {@link Mono#delay}, for the longest reservation; a wait longer than {@code maxWait} fails with {@code RATE_LIMITED}
 * (code {@code client_pacing}) and sends nothing. After each response {@link #observe} reads a server-reported
 * provider's {@code RateLimit} headers: a window with no requests left holds that provider's requests until the
 * window resets, and a {@code RateLimit-Policy} window as long as a rule's period sets the rule's limit. That hold is
 * the one hand-written piece: the limiters refill on their own cycle, not at the time the server names.
 */
public final class Pacer {

	private static final Pattern ITEM = Pattern.compile("\\s*\"?([A-Za-z0-9_-]+)\"?\\s*((?:;\\s*[a-z]+=\\d+\\s*)*)");

	private final PacingSettings settings;

	private final Clock clock;

	private final Scheduler scheduler;

	private final List<CompiledRule> rules;

	private final ConcurrentMap<String, List<CompiledRule>> matching = new ConcurrentHashMap<>();

	private final PacingPermits permits;

	private final ConcurrentMap<String, Long> holdUntilMillis = new ConcurrentHashMap<>();

	/**
	 * Create the pacer.
	 * @param settings the rules and bounds
	 * @param clock measures server-reported holds
	 * @param scheduler runs the waits
	 */
	public Pacer(PacingSettings settings, Clock clock, Scheduler scheduler) {
		this(settings, clock, scheduler, new LocalPacingPermits());
	}

	/**
	 * Create the pacer with permits from elsewhere (Redis, for limits shared by every instance).
	 * @param settings the rules and bounds
	 * @param clock measures server-reported holds
	 * @param scheduler runs the waits
	 * @param permits where permits come from
	 */
	public Pacer(PacingSettings settings, Clock clock, Scheduler scheduler, PacingPermits permits) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.permits = Objects.requireNonNull(permits, "permits");
		this.rules = settings.rules().stream().map((rule) -> new CompiledRule(rule, rule.pathPattern())).toList();
	}

	/**
	 * A pacer that never waits.
	 * @param scheduler unused by waits (there are none)
	 * @return the pacer
	 */
	public static Pacer none(Scheduler scheduler) {
		return new Pacer(PacingSettings.NONE, Clock.systemUTC(), scheduler);
	}

	/**
	 * Wait for a permit to send a request.
	 * @param provider the provider id
	 * @param method the HTTP method
	 * @param template the path template
	 * @param path the expanded path (what {@link PacingScope#RESOURCE} counts)
	 * @return completes when the request may go; {@code RATE_LIMITED} when that is more than {@code maxWait} away
	 */
	public Mono<Void> acquire(String provider, String method, String template, String path) {
		List<CompiledRule> rules = this.matching.computeIfAbsent(provider + ' ' + method + ' ' + template,
				(key) -> this.rules.stream().filter((rule) -> rule.matches(provider, method, template)).toList());
		if (rules.isEmpty() && this.holdUntilMillis.isEmpty()) {
			return Mono.empty();
		}
		return Mono.defer(() -> {
			long held = TimeUnit.MILLISECONDS.toNanos(heldFor(provider));
			if (held > this.settings.maxWait().toNanos()) {
				return Mono.error(paced(provider, "the provider reported no requests left for "
						+ Duration.ofNanos(held).toSeconds() + " s"));
			}
			return Flux.fromIterable(rules)
				.concatMap((compiled) -> this.permits
					.reserve(compiled.rule(), key(compiled.rule(), method, template, path), this.settings.maxWait())
					.flatMap((reserved) -> (reserved < 0) ? Mono.error(paced(provider, "rule " + compiled.rule().name()
							+ " allows " + compiled.rule().limit() + " per " + compiled.rule().period()))
							: Mono.just(reserved)))
				.reduce(held, Math::max)
				.flatMap((waitNanos) -> (waitNanos == 0) ? Mono.empty()
						: Mono.delay(Duration.ofNanos(waitNanos), this.scheduler).then());
		});
	}

	/**
	 * Read the headroom a server-reported provider sent with a response (errors included).
	 * @param provider the provider id
	 * @param header a response header's value by name, or {@code null}
	 */
	public void observe(String provider, Function<String, @Nullable String> header) {
		if (!this.settings.serverReported().contains(provider)) {
			return;
		}
		for (Map<String, Long> window : items(header.apply("RateLimit"))) {
			Long remaining = window.get("r");
			Long reset = window.get("t");
			if (remaining != null && reset != null && remaining <= 0) {
				long until = this.clock.millis() + TimeUnit.SECONDS.toMillis(Math.min(reset, 86_400));
				this.holdUntilMillis.merge(provider, until, Math::max);
			}
		}
		for (Map<String, Long> window : items(header.apply("RateLimit-Policy"))) {
			Long quota = window.get("q");
			Long seconds = window.get("w");
			if (quota != null && seconds != null && quota > 0 && quota <= Integer.MAX_VALUE && seconds > 0) {
				this.permits.changeLimit(provider, Duration.ofSeconds(seconds), quota.intValue());
			}
		}
	}

	/**
	 * Every limiter's headroom, by provider and rule.
	 * @return the statuses
	 */
	public List<PacingStatus> status() {
		return this.permits.status();
	}

	/**
	 * The providers held back by their own report of no requests left, and until when.
	 * @return the holds
	 */
	public Map<String, Instant> holds() {
		Map<String, Instant> holds = new java.util.TreeMap<>();
		long now = this.clock.millis();
		this.holdUntilMillis.forEach((provider, until) -> {
			if (until > now) {
				holds.put(provider, Instant.ofEpochMilli(until));
			}
		});
		return holds;
	}

	/**
	 * The settings.
	 * @return the settings
	 */
	public PacingSettings settings() {
		return this.settings;
	}

	private long heldFor(String provider) {
		Long until = this.holdUntilMillis.get(provider);
		if (until == null) {
			return 0;
		}
		long left = until - this.clock.millis();
		if (left <= 0) {
			this.holdUntilMillis.remove(provider, until);
			return 0;
		}
		return left;
	}

	private static String key(PacingRule rule, String method, String template, String path) {
		return switch (rule.scope()) {
			case PROVIDER -> rule.provider();
			case ENDPOINT -> method + ' ' + template;
			case RESOURCE -> method + ' ' + path;
		};
	}

	private ExAtlasException paced(String provider, String why) {
		return ExAtlasException.builder(ErrorKind.RATE_LIMITED)
			.provider(provider)
			.code("client_pacing")
			.message("client-side pacing would wait longer than " + this.settings.maxWait()
					+ " (exatlas.pacing.max-wait): " + why + "; nothing was sent")
			.build();
	}

	/** The items of a structured-field list such as {@code "minute";r=0;t=12, "hour";r=2800;t=1812}. */
	private static List<Map<String, Long>> items(@Nullable String value) {
		if (value == null || value.isBlank() || value.length() > 1024) {
			return List.of();
		}
		List<Map<String, Long>> items = new ArrayList<>();
		for (String item : value.split(",")) {
			var matcher = ITEM.matcher(item);
			if (!matcher.matches()) {
				continue;
			}
			Map<String, Long> parameters = new java.util.HashMap<>();
			for (String parameter : matcher.group(2).split(";")) {
				String[] pair = parameter.trim().split("=");
				if (pair.length == 2 && pair[1].length() <= 12) {
					parameters.put(pair[0], Long.parseLong(pair[1]));
				}
			}
			items.add(parameters);
		}
		return items;
	}

	private record CompiledRule(PacingRule rule, Pattern path) {

		boolean matches(String provider, String method, String template) {
			return this.rule.provider().equals(provider)
					&& ("*".equals(this.rule.method()) || this.rule.method().equalsIgnoreCase(method))
					&& ("*".equals(this.rule.path()) || this.path.matcher(template).matches());
		}

	}

}
