package io.exatlas.fly.tokens;

import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

import io.exatlas.internal.SerialExecutor;

/**
 * One resolver per app, running that app's work one task at a time without a thread of its own (different apps run
 * in parallel on the shared workers), and coalescing concurrent misses into one resolution.
 */
final class AppResolvers {

	private final Executor workers;

	private final ConcurrentMap<String, SerialExecutor> resolvers = new ConcurrentHashMap<>();

	private final ConcurrentMap<String, CompletableFuture<Resolution>> resolutions = new ConcurrentHashMap<>();

	AppResolvers(Executor workers) {
		this.workers = workers;
	}

	/**
	 * The app's resolution in flight, or a new one running {@code resolve}: concurrent misses share one resolver
	 * task, and those who joined it see the token as found in the cache, as they would have queued behind it. The
	 * entry is removed inside the resolver before the result is published, so a refresh or invalidation (queued on
	 * the same resolver) is never joined by a caller that arrived after it started.
	 * @param app the app
	 * @param resolve runs the chain
	 * @return the resolution
	 */
	CompletableFuture<Resolution> resolution(String app, Supplier<Resolution> resolve) {
		CompletableFuture<Resolution> leader = new CompletableFuture<>();
		CompletableFuture<Resolution> inFlight = this.resolutions.putIfAbsent(app, leader);
		if (inFlight != null) {
			return inFlight.thenApply(Resolution::asJoined);
		}
		execute(app, () -> {
			try {
				Resolution resolution = resolve.get();
				this.resolutions.remove(app, leader);
				leader.complete(resolution);
			}
			catch (RuntimeException | Error ex) {
				this.resolutions.remove(app, leader);
				leader.completeExceptionally(ex);
			}
		});
		return leader;
	}

	/**
	 * Run a task on the app's resolver, after what is queued there.
	 * @param <T> the result
	 * @param app the app
	 * @param task the task
	 * @return its result
	 */
	<T> CompletableFuture<T> submit(String app, Supplier<T> task) {
		CompletableFuture<T> result = new CompletableFuture<>();
		execute(app, () -> {
			try {
				result.complete(task.get());
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	void execute(String app, Runnable task) {
		SerialExecutor resolver = this.resolvers.get(app);
		if (resolver == null) {
			resolver = this.resolvers.computeIfAbsent(app, (key) -> new SerialExecutor(this.workers));
		}
		resolver.execute(task);
	}

	Set<String> apps() {
		return Collections.unmodifiableSet(new TreeSet<>(this.resolvers.keySet()));
	}

	int size() {
		return this.resolvers.size();
	}

}
