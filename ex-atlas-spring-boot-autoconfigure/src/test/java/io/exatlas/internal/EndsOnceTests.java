package io.exatlas.internal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Exactly one end is reported per subscription, even when a subscriber takes the value and then cancels (which plain
 * {@code doOnSuccess} + {@code doOnCancel} report as two ends).
 */
class EndsOnceTests {

	private final List<String> ends = new CopyOnWriteArrayList<>();

	private <T> Mono<T> reported(Mono<T> source) {
		return EndsOnce.mono(source, (value) -> this.ends.add("success " + value), (ex) -> this.ends.add("error"),
				() -> this.ends.add("cancel"));
	}

	@Test
	void aValueTakenThenCancelledIsOneSuccess() {
		Mono<Integer> plain = Mono.just(1).doOnSuccess((value) -> this.ends.add("success " + value))
			.doOnCancel(() -> this.ends.add("cancel"));
		Flux.from(plain).next().block();
		assertThat(this.ends).as("what plain callbacks report").containsExactly("success 1", "cancel");
		this.ends.clear();
		Flux.from(reported(Mono.just(1))).next().block();
		assertThat(this.ends).containsExactly("success 1");
	}

	@Test
	void anErrorOrACancellationIsReportedOnce() {
		assertThatException().isThrownBy(() -> reported(Mono.error(new IllegalStateException())).block());
		Disposable pending = reported(Sinks.<Integer>one().asMono()).subscribe();
		pending.dispose();
		pending.dispose();
		reported(Mono.empty()).block();
		assertThat(this.ends).containsExactly("error", "cancel", "success null");
	}

	@Test
	void aFluxReportsItsEndOnce() {
		EndsOnce.flux(Flux.just(1, 2, 3), () -> this.ends.add("complete"), (ex) -> this.ends.add("error"),
				() -> this.ends.add("cancel")).take(1).blockLast();
		EndsOnce.flux(Flux.just(1, 2), () -> this.ends.add("complete"), (ex) -> this.ends.add("error"),
				() -> this.ends.add("cancel")).blockLast();
		assertThat(this.ends).containsExactly("cancel", "complete");
	}

}
