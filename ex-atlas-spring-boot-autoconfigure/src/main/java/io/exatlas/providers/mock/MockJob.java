package io.exatlas.providers.mock;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Job;
import io.exatlas.compute.JobOutput;
import io.exatlas.compute.JobStatus;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * One mock serverless job: its state, its replayed output chunks and the signal of its end. All transitions are
 * serialized on the job's monitor.
 */
final class MockJob {

	private final String id;

	private final @Nullable String endpoint;

	private final Object input;

	private final int steps;

	private final Instant createdAt;

	private final Sinks.Many<JobOutput> chunks = Sinks.many().replay().all();

	private final Sinks.Empty<Void> finished = Sinks.empty();

	private JobStatus status = JobStatus.IN_QUEUE;

	private @Nullable Object output;

	private @Nullable Object error;

	private @Nullable Disposable progression;

	MockJob(String id, @Nullable String endpoint, Object input, int steps, Instant createdAt) {
		this.id = id;
		this.endpoint = endpoint;
		this.input = input;
		this.steps = steps;
		this.createdAt = createdAt;
	}

	int steps() {
		return this.steps;
	}

	synchronized void attach(Disposable progression) {
		if (this.status.isTerminal()) {
			progression.dispose();
		}
		else {
			this.progression = progression;
		}
	}

	/**
	 * Advance one tick: tick 0 starts the job, ticks 1..steps emit a chunk, tick steps+1 ends it.
	 */
	synchronized void advance(int tick) {
		if (this.status.isTerminal()) {
			return;
		}
		if (tick == 0) {
			this.status = JobStatus.IN_PROGRESS;
		}
		else if (tick <= this.steps) {
			Map<String, Object> part = Map.of("step", tick, "of", this.steps);
			this.chunks.tryEmitNext(new JobOutput(part, Map.of("output", part)));
		}
		else if (failureMessage() != null) {
			end(JobStatus.FAILED, null, failureMessage());
		}
		else {
			end(JobStatus.COMPLETED, Map.of("echo", this.input), null);
		}
	}

	synchronized boolean cancel() {
		if (this.status.isTerminal()) {
			return false;
		}
		if (this.progression != null) {
			this.progression.dispose();
		}
		end(JobStatus.CANCELLED, null, "cancelled");
		return true;
	}

	synchronized Job snapshot() {
		Map<String, Object> raw = new LinkedHashMap<>();
		raw.put("id", this.id);
		raw.put("status", this.status.name());
		Duration execution = (this.status == JobStatus.COMPLETED) ? Duration.ZERO : null;
		return new Job(this.id, MockComputeProvider.ID, this.endpoint, this.status, this.output, this.error,
				execution, Duration.ZERO, this.createdAt, raw);
	}

	Flux<JobOutput> stream() {
		return this.chunks.asFlux();
	}

	Mono<Void> whenFinished() {
		return this.finished.asMono();
	}

	private void end(JobStatus terminal, @Nullable Object output, @Nullable Object error) {
		this.status = terminal;
		this.output = output;
		this.error = error;
		if (terminal == JobStatus.COMPLETED) {
			this.chunks.tryEmitComplete();
		}
		else {
			this.chunks.tryEmitError(ExAtlasException.builder(ErrorKind.PROVIDER)
				.provider(MockComputeProvider.ID)
				.reason(ErrorReason.JOB_NOT_COMPLETED)
				.message("job " + this.id + " ended " + terminal)
				.build());
		}
		this.finished.tryEmitEmpty();
	}

	private @Nullable String failureMessage() {
		if (this.input instanceof Map<?, ?> map && map.get(MockComputeProvider.FAIL_INPUT_KEY) != null) {
			return String.valueOf(map.get(MockComputeProvider.FAIL_INPUT_KEY));
		}
		return null;
	}

}
