package io.exatlas.benchmarks;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.exatlas.Secret;
import io.exatlas.event.ApplicationExAtlasEventPublisher;
import io.exatlas.event.ExAtlasEvent;
import io.exatlas.fly.tokens.FlyCliTokenIssuer;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.FlyTokens;
import io.exatlas.fly.tokens.InMemoryTokenStore;
import io.exatlas.fly.tokens.StoredToken;
import io.exatlas.fly.tokens.TokenKind;
import io.exatlas.metrics.ExAtlasMeters;
import io.exatlas.metrics.FlyTokenMeters;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.context.ApplicationListener;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A warm {@code FlyTokens.get(app)} (events published through a Spring context, statistics on) against the floor: a
 * bare Caffeine {@code getIfPresent} hit on the same key. {@code listeners}: none, one listener of every library event,
 * or the Micrometer bridge ({@code ExAtlasMeters} and {@code FlyTokenMeters} on a simple registry).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class TokenFastPathBenchmark {

	private static final String APP = "bench-app";

	/** {@code 0}: nothing listens; {@code 1}: one listener of every library event; {@code bridge}: the Micrometer bridge. */
	@Param({ "0", "1", "bridge" })
	public String listeners;

	private GenericApplicationContext context;

	private FlyTokens tokens;

	private FlyTokens unpublished;

	private Cache<String, String> caffeine;

	@Setup(Level.Trial)
	public void setUp() {
		this.context = new GenericApplicationContext();
		if (this.listeners.equals("1")) {
			this.context.registerBean("listener", ApplicationListener.class,
					() -> (ApplicationListener<ExAtlasEvent>) (event) -> {
					});
		}
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		if (this.listeners.equals("bridge")) {
			this.context.registerBean(ExAtlasMeters.class, () -> {
				ExAtlasMeters bridge = new ExAtlasMeters(false);
				bridge.bindTo(meters);
				return bridge;
			});
		}
		this.context.refresh();
		InMemoryTokenStore store = new InMemoryTokenStore();
		store.put(APP, TokenKind.CACHED,
				new StoredToken(Secret.of("fo1_benchmark_token"), Instant.now().plus(Duration.ofDays(1))));
		this.tokens = FlyTokens.builder(store, new FlyCliTokenIssuer("/nonexistent/fly", null, Duration.ofSeconds(1)))
			.events(new ApplicationExAtlasEventPublisher(this.context))
			.maxConcurrentResolutions(4)
			.build();
		if (this.listeners.equals("bridge")) {
			new FlyTokenMeters(this.tokens.statistics(), false).bindTo(meters);
		}
		this.tokens.get(APP);
		this.unpublished = FlyTokens
			.builder(store, new FlyCliTokenIssuer("/nonexistent/fly", null, Duration.ofSeconds(1)))
			.maxConcurrentResolutions(4)
			.build();
		this.unpublished.get(APP);
		this.caffeine = Caffeine.newBuilder().maximumSize(10_000).build();
		this.caffeine.put(APP, "fo1_benchmark_token");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.tokens.close();
		this.unpublished.close();
		this.context.close();
	}

	@Benchmark
	public FlyToken flyTokensGet() {
		return this.tokens.get(APP);
	}

	/**
	 * The same hit with a publisher that drops events: the library's own share of the fast path.
	 * @return the token
	 */
	@Benchmark
	public FlyToken flyTokensGetWithoutSpringEvents() {
		return this.unpublished.get(APP);
	}

	@Benchmark
	public String caffeineGetIfPresent() {
		return this.caffeine.getIfPresent(APP);
	}

}
