package io.exatlas.fly.tokens;

import java.time.Duration;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * The threads of a token manager that owns them: bounded workers for the app resolvers (created on demand, idle ones
 * expire) and one timer thread for the background refreshes. Disposing lets queued work (such as persisting a
 * just-acquired token) finish for at most 10 seconds.
 */
final class OwnedSchedulers implements Disposable {

	private static final Log logger = LogFactory.getLog(FlyTokens.class);

	private static final Duration GRACEFUL_SHUTDOWN = Duration.ofSeconds(10);

	final Scheduler workers;

	final Scheduler timer;

	OwnedSchedulers(int maxConcurrentResolutions) {
		this.workers = Schedulers.newBoundedElastic(maxConcurrentResolutions, 100_000, "exatlas-fly-tokens", 60, true);
		this.timer = Schedulers.newSingle("exatlas-fly-token-refresh", true);
	}

	@Override
	public void dispose() {
		this.timer.dispose();
		try {
			this.workers.disposeGracefully().block(GRACEFUL_SHUTDOWN);
		}
		catch (RuntimeException ex) {
			logger.warn("Fly token tasks were still running after " + GRACEFUL_SHUTDOWN + "; stopping them");
			this.workers.dispose();
		}
	}

}
