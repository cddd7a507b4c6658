package io.exatlas.fly.deploy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.fly.FlyObservationDocumentation;
import io.exatlas.fly.process.CommandResult;
import io.exatlas.fly.process.CommandRunner;
import io.exatlas.internal.UserInput;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.FluxSink;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Runs {@code fly deploy --remote-only} in a directory of a project, either to completion ({@link #deploy}) or
 * streamed line by line ({@link #streamDeploy}). The command is an argument list (never a shell), the directory
 * must lie inside the project (no {@code ..} or symlink escapes), and on a timeout or cancellation the whole process
 * tree is killed.
 */
public class FlyDeployer {

	private static final String PROVIDER = "fly";

	/** How many recent lines a late joiner of a running deploy gets first. */
	static final int REPLAY_LINES = 500;

	private final String cli;

	private final Duration deployTimeout;

	private final Duration activityTimeout;

	private final Duration maxDuration;

	private final ExAtlasEventPublisher events;

	private final Clock clock;

	private final Scheduler scheduler;

	private final ObservationRegistry observations;

	private final RunningDeploys running = new RunningDeploys(REPLAY_LINES);

	/**
	 * Create the deployer.
	 * @param cli the {@code fly} executable (a name on the {@code PATH} or a path)
	 * @param deployTimeout the cap of {@link #deploy}
	 * @param activityTimeout how long {@link #streamDeploy} waits for the next line
	 * @param maxDuration the absolute cap of {@link #streamDeploy}
	 * @param events where line and exit events go
	 * @param clock the event clock
	 * @param scheduler drives the timers
	 * @param observations observes streamed deploys ({@link FlyObservationDocumentation#DEPLOY})
	 */
	public FlyDeployer(String cli, Duration deployTimeout, Duration activityTimeout, Duration maxDuration,
			ExAtlasEventPublisher events, Clock clock, Scheduler scheduler, ObservationRegistry observations) {
		this.cli = cli;
		this.deployTimeout = deployTimeout;
		this.activityTimeout = activityTimeout;
		this.maxDuration = maxDuration;
		this.events = events;
		this.clock = clock;
		this.scheduler = scheduler;
		this.observations = observations;
	}

	/**
	 * Deploy and wait for the end (blocking; call it from a worker thread).
	 * @param projectDir the project directory
	 * @param tomlDir the directory with the app's {@code fly.toml}, relative to the project (or inside it)
	 * @return everything the CLI printed
	 * @throws ExAtlasException {@code VALIDATION} for a directory outside the project or without {@code fly.toml},
	 * {@code NOT_FOUND} when the CLI cannot be started, a {@link FlyDeployException} ({@code TIMEOUT},
	 * {@code UNKNOWN} with code {@code interrupted} when the calling thread is interrupted, or {@code PROVIDER} with
	 * code {@code exit_code}) otherwise
	 */
	public String deploy(Path projectDir, Path tomlDir) {
		Path directory = deployDirectory(projectDir, tomlDir);
		CommandResult result = CommandRunner.run(command(), directory, this.deployTimeout);
		String output = result.stdout() + result.stderr();
		return switch (result.outcome()) {
			case NOT_FOUND -> throw cliNotFound();
			case TIMED_OUT -> throw new FlyDeployException(ExAtlasException.builder(ErrorKind.TIMEOUT)
				.provider(PROVIDER)
				.message("fly deploy did not finish within " + this.deployTimeout + "; the process was killed"), -1,
					output);
			case INTERRUPTED -> throw new FlyDeployException(ExAtlasException.builder(ErrorKind.UNKNOWN)
				.provider(PROVIDER)
				.code("interrupted")
				.message("the thread waiting for fly deploy was interrupted; the process was killed"), -1, output);
			case EXITED -> {
				if (result.exitCode() != 0) {
					throw exitCode(result.exitCode(), output);
				}
				yield output;
			}
		};
	}

	/**
	 * Deploy with the output streamed: whole lines (however the CLI's output is chunked), empty lines left out,
	 * a {@link FlyDeployLineEvent} per line and one {@link FlyDeployExitEvent} at the end. The deploy starts on
	 * subscription; it fails with {@code TIMEOUT} when no line arrives within the activity timeout or the absolute
	 * cap passes, and with a {@link FlyDeployException} on a non-zero exit. Cancelling kills the process tree.
	 * @param projectDir the project directory
	 * @param tomlDir the directory with the app's {@code fly.toml}
	 * @param ticketId the id carried by the events, and under which others can {@link RunningDeploys#join join} the
	 * deploy while it runs (a {@code VALIDATION} error when one with that ticket is already running)
	 * @return the output lines
	 */
	public Flux<String> streamDeploy(Path projectDir, Path tomlDir, String ticketId) {
		return this.running.track(ticketId, Flux.defer(() -> {
			Path directory = deployDirectory(projectDir, tomlDir);
			long start = System.nanoTime();
			Observation observation = FlyObservationDocumentation.DEPLOY.observation(this.observations)
				.highCardinalityKeyValue(FlyObservationDocumentation.Keys.TICKET.withValue(ticketId))
				.start();
			AtomicBoolean capped = new AtomicBoolean();
			return Flux.<String>create((sink) -> run(directory, sink), FluxSink.OverflowStrategy.BUFFER)
				.timeout(this.activityTimeout, this.scheduler)
				.onErrorMap(TimeoutException.class, (ex) -> timeout("no output for " + this.activityTimeout))
				.takeUntilOther(Mono.delay(this.maxDuration, this.scheduler).doOnNext((tick) -> capped.set(true)))
				.concatWith(Mono.defer(() -> capped.get()
						? Mono.error(timeout("not finished within " + this.maxDuration)) : Mono.empty()))
				.doOnNext((line) -> this.events.publish(new FlyDeployLineEvent(this, this.clock, ticketId)))
				.doOnComplete(() -> publishExit(ticketId, SignalType.ON_COMPLETE, null, start, observation))
				.doOnError((ex) -> publishExit(ticketId, SignalType.ON_ERROR, ex, start, observation))
				.doOnCancel(() -> publishExit(ticketId, SignalType.CANCEL, null, start, observation));
		}));
	}

	/**
	 * The streamed deploys running now, to follow one by its ticket from anywhere in the application.
	 * @return the registry
	 */
	public RunningDeploys running() {
		return this.running;
	}

	private void run(Path directory, FluxSink<String> sink) {
		Process process;
		try {
			process = new ProcessBuilder(command()).directory(directory.toFile()).redirectErrorStream(true).start();
			process.getOutputStream().close();
		}
		catch (IOException ex) {
			sink.error(cliNotFound());
			return;
		}
		sink.onDispose(() -> {
			if (process.isAlive()) {
				CommandRunner.killTree(process);
			}
		});
		Schedulers.boundedElastic().schedule(() -> {
			StringBuilder output = new StringBuilder();
			try (BufferedReader reader = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
				String line;
				while ((line = reader.readLine()) != null) {
					output.append(line).append('\n');
					if (!line.isBlank()) {
						sink.next(line.stripTrailing());
					}
				}
				int code = process.waitFor();
				if (code == 0) {
					sink.complete();
				}
				else {
					sink.error(exitCode(code, output.toString()));
				}
			}
			catch (IOException ex) {
				CommandRunner.killTree(process);
				sink.error(ExAtlasException.builder(ErrorKind.TRANSPORT)
					.provider(PROVIDER)
					.message("reading fly deploy output failed")
					.cause(ex)
					.build());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				CommandRunner.killTree(process);
				sink.error(ExAtlasException.builder(ErrorKind.CANCELLED)
					.provider(PROVIDER)
					.message("interrupted while reading fly deploy output; the process tree was killed")
					.build());
			}
		});
	}

	private void publishExit(String ticketId, SignalType signal, @Nullable Throwable failure, long start,
			Observation observation) {
		DeployResult result = result(signal, failure);
		Integer exitCode = switch (result) {
			case OK -> 0;
			case EXIT_CODE -> ((FlyDeployException) failure).exitCode();
			default -> null;
		};
		this.events.publish(new FlyDeployExitEvent(this, this.clock, ticketId, result, exitCode,
				Duration.ofNanos(System.nanoTime() - start)));
		observation.lowCardinalityKeyValue(
				FlyObservationDocumentation.Keys.RESULT.withValue(result.name().toLowerCase(Locale.ROOT)));
		if (failure != null) {
			observation.error(failure);
		}
		observation.stop();
	}

	/**
	 * How a deploy ended, from how its stream ended: each failure by its own kind, so an I/O error reading the CLI's
	 * output is {@code OUTPUT_FAILED}, never a {@code TIMEOUT}.
	 * @param signal how the stream ended
	 * @param failure its error, if any
	 * @return the result
	 */
	static DeployResult result(SignalType signal, @Nullable Throwable failure) {
		if (signal == SignalType.ON_COMPLETE) {
			return DeployResult.OK;
		}
		if (signal == SignalType.CANCEL) {
			return DeployResult.CANCELLED;
		}
		if (failure instanceof FlyDeployException deploy && deploy.kind() == ErrorKind.PROVIDER) {
			return DeployResult.EXIT_CODE;
		}
		ErrorKind kind = (failure instanceof ExAtlasException atlas) ? atlas.kind() : ErrorKind.UNKNOWN;
		return switch (kind) {
			case NOT_FOUND -> DeployResult.NOT_FOUND;
			case TIMEOUT -> DeployResult.TIMEOUT;
			case TRANSPORT -> DeployResult.OUTPUT_FAILED;
			case CANCELLED -> DeployResult.CANCELLED;
			default -> DeployResult.ERROR;
		};
	}

	/**
	 * The directory to deploy from: inside the project, a directory, with a {@code fly.toml}.
	 * @param projectDir the project directory
	 * @param tomlDir the app's directory
	 * @return the resolved real directory
	 */
	static Path deployDirectory(Path projectDir, Path tomlDir) {
		try {
			Path root = projectDir.toRealPath();
			Path directory = root.resolve(tomlDir).normalize();
			if (!directory.startsWith(root) || !Files.isDirectory(directory)
					|| !directory.toRealPath().startsWith(root)) {
				throw invalidDirectory(tomlDir, "it is not a directory inside the project");
			}
			if (!Files.isRegularFile(directory.resolve("fly.toml"))) {
				throw invalidDirectory(tomlDir, "it has no fly.toml");
			}
			return directory.toRealPath();
		}
		catch (IOException ex) {
			throw invalidDirectory(tomlDir, "it cannot be read");
		}
	}

	private List<String> command() {
		return List.of(this.cli, "deploy", "--remote-only");
	}

	private static ExAtlasException invalidDirectory(Path tomlDir, String why) {
		return ExAtlasException.validation(PROVIDER,
				"invalid deploy directory " + UserInput.printable(tomlDir) + ": " + why);
	}

	private ExAtlasException cliNotFound() {
		return ExAtlasException.builder(ErrorKind.NOT_FOUND)
			.provider(PROVIDER)
			.code("cli_not_found")
			.message("the Fly CLI '" + this.cli + "' could not be started; install flyctl or set exatlas.fly.cli")
			.build();
	}

	private static FlyDeployException exitCode(int code, String output) {
		return new FlyDeployException(ExAtlasException.builder(ErrorKind.PROVIDER)
			.provider(PROVIDER)
			.code("exit_code")
			.message("fly deploy exited with " + code + " (the output is on the exception, not in this message)"),
				code, output);
	}

	private static FlyDeployException timeout(String why) {
		return new FlyDeployException(ExAtlasException.builder(ErrorKind.TIMEOUT)
			.provider(PROVIDER)
			.message("fly deploy " + why + "; the process tree was killed"), -1, "");
	}

}
