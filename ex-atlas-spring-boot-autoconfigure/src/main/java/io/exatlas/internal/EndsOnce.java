package io.exatlas.internal;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Reports how a {@link Mono} or {@link Flux} ended — success, error or cancellation — exactly once per subscription.
 * Reactor's {@code doOnSuccess} and {@code doOnCancel} can both fire for one subscription: a subscriber that takes
 * the value and then cancels (as {@code Flux.from(mono).next()} does) cancels a source that already succeeded.
 * Observations and events built on those callbacks would then stop or be published twice.
 */
public final class EndsOnce {

	private EndsOnce() {
	}

	/**
	 * Report how a {@code Mono} ended, once.
	 * @param <T> the value
	 * @param source the source
	 * @param success called with the value ({@code null} when it completed empty)
	 * @param error called with the error
	 * @param cancel called when the subscriber cancelled before an end
	 * @return the source, reporting
	 */
	public static <T> Mono<T> mono(Mono<T> source, Consumer<@Nullable T> success, Consumer<Throwable> error,
			Runnable cancel) {
		return Mono.defer(() -> {
			AtomicBoolean ended = new AtomicBoolean();
			return source.doOnSuccess((value) -> {
				if (ended.compareAndSet(false, true)) {
					success.accept(value);
				}
			}).doOnError((ex) -> {
				if (ended.compareAndSet(false, true)) {
					error.accept(ex);
				}
			}).doOnCancel(() -> {
				if (ended.compareAndSet(false, true)) {
					cancel.run();
				}
			});
		});
	}

	/**
	 * Report how a {@code Flux} ended, once.
	 * @param <T> the elements
	 * @param source the source
	 * @param complete called when it completed
	 * @param error called with the error
	 * @param cancel called when the subscriber cancelled before an end
	 * @return the source, reporting
	 */
	public static <T> Flux<T> flux(Flux<T> source, Runnable complete, Consumer<Throwable> error, Runnable cancel) {
		return Flux.defer(() -> {
			AtomicBoolean ended = new AtomicBoolean();
			return source.doOnComplete(() -> {
				if (ended.compareAndSet(false, true)) {
					complete.run();
				}
			}).doOnError((ex) -> {
				if (ended.compareAndSet(false, true)) {
					error.accept(ex);
				}
			}).doOnCancel(() -> {
				if (ended.compareAndSet(false, true)) {
					cancel.run();
				}
			});
		});
	}

}
