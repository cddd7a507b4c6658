package io.exatlas.fly.logs;

import java.util.concurrent.atomic.AtomicInteger;

import io.exatlas.Secret;
import io.exatlas.fly.tokens.FlyToken;
import io.exatlas.fly.tokens.ReactiveFlyTokens;
import io.exatlas.fly.tokens.TokenSource;
import reactor.core.publisher.Mono;

/**
 * A token chain that hands out its current token and switches to the refreshed one on {@code refresh}.
 */
final class StubFlyTokens implements ReactiveFlyTokens {

	volatile String current;

	volatile String afterRefresh;

	final AtomicInteger refreshes = new AtomicInteger();

	StubFlyTokens(String current, String afterRefresh) {
		this.current = current;
		this.afterRefresh = afterRefresh;
	}

	@Override
	public Mono<FlyToken> get(String app) {
		return Mono.fromSupplier(() -> new FlyToken(app, Secret.of(this.current), TokenSource.CLI, null));
	}

	@Override
	public Mono<FlyToken> refresh(String app) {
		return Mono.fromSupplier(() -> {
			this.refreshes.incrementAndGet();
			this.current = this.afterRefresh;
			return new FlyToken(app, Secret.of(this.current), TokenSource.CLI, null);
		});
	}

	@Override
	public Mono<Void> invalidate(String app) {
		return Mono.empty();
	}

	@Override
	public Mono<Void> setManual(String app, String token) {
		return Mono.empty();
	}

}
