package io.exatlas.support;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Registered for every test class (JUnit extension auto-detection): after a class, the test JVM must have no child
 * process left (a fake {@code fly} CLI, a deploy's process tree, a Redis server), give or take five seconds for
 * processes that are already exiting.
 */
public final class NoStrayProcesses implements AfterAllCallback {

	private static final Duration GRACE = Duration.ofSeconds(5);

	@Override
	public void afterAll(ExtensionContext context) throws InterruptedException {
		long deadline = System.nanoTime() + GRACE.toNanos();
		List<ProcessHandle> left = descendants();
		while (!left.isEmpty() && System.nanoTime() < deadline) {
			Thread.sleep(50);
			left = descendants();
		}
		assertThat(left).as("processes left behind by %s", context.getDisplayName())
			.extracting((process) -> process.pid() + " " + process.info().commandLine().orElse("?"))
			.isEmpty();
	}

	private static List<ProcessHandle> descendants() {
		return ProcessHandle.current().descendants().filter(ProcessHandle::isAlive).toList();
	}

}
