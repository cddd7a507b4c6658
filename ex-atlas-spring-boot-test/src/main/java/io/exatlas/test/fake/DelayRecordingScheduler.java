package io.exatlas.test.fake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import reactor.core.Disposable;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * A scheduler that records every delay it is asked for and runs the task at once, so retry tests can check the
 * exact waits without waiting.
 */
public final class DelayRecordingScheduler implements Scheduler {

	private final Scheduler delegate = Schedulers.parallel();

	private final List<Duration> delays = new CopyOnWriteArrayList<>();

	public List<Duration> delays() {
		return List.copyOf(this.delays);
	}

	@Override
	public Disposable schedule(Runnable task) {
		return this.delegate.schedule(task);
	}

	@Override
	public Disposable schedule(Runnable task, long delay, TimeUnit unit) {
		this.delays.add(Duration.ofNanos(unit.toNanos(delay)));
		return this.delegate.schedule(task);
	}

	@Override
	public Worker createWorker() {
		return this.delegate.createWorker();
	}

}
