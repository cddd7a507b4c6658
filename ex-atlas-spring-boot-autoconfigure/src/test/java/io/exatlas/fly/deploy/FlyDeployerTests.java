package io.exatlas.fly.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import io.exatlas.ErrorKind;
import io.exatlas.test.event.RecordingEventPublisher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.Disposable;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;

import static io.exatlas.support.ExAtlasAssertions.assertKind;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FlyDeployerTests {

	@TempDir
	Path temp;

	private Path project;

	private Path cli;

	private final RecordingEventPublisher events = new RecordingEventPublisher();

	@BeforeEach
	void project() throws IOException {
		this.project = Files.createDirectories(this.temp.resolve("project"));
		Files.createDirectories(this.project.resolve("api"));
		Files.writeString(this.project.resolve("api/fly.toml"), "app = \"atlas-api\"\n");
		this.cli = this.temp.resolve("fly");
	}

	/** A fake fly CLI: records its arguments and directory, then runs the given body. */
	private void cli(String body) throws IOException {
		Files.writeString(this.cli, "#!/bin/bash\necho \"$@\" > '" + this.temp.resolve("args") + "'\npwd > '"
				+ this.temp.resolve("cwd") + "'\necho $$ > '" + this.temp.resolve("pid") + "'\n" + body + "\n");
		Files.setPosixFilePermissions(this.cli, PosixFilePermissions.fromString("rwx------"));
	}

	private final List<Observation.Context> observed = new java.util.concurrent.CopyOnWriteArrayList<>();

	private final ObservationRegistry observations = ObservationRegistry.create();

	{
		this.observations.observationConfig().observationHandler(new ObservationHandler<>() {

			@Override
			public void onStop(Observation.Context context) {
				FlyDeployerTests.this.observed.add(context);
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return true;
			}

		});
	}

	private FlyDeployer deployer(Duration activity, Duration max) {
		return new FlyDeployer(this.cli.toString(), Duration.ofSeconds(5), activity, max, this.events,
				Clock.systemUTC(), Schedulers.parallel(), this.observations);
	}

	private FlyDeployer deployer() {
		return deployer(Duration.ofSeconds(5), Duration.ofSeconds(10));
	}

	@Test
	void linesAreWholeEvenWhenOutputArrivesInOddChunks() throws IOException {
		cli("printf 'Buil'; sleep 0.1; printf 'ding image\\n==> Pus'; sleep 0.1; printf 'hing\\n\\n  \\nDone'; sleep 0.1;"
				+ " printf '\\n'");
		StepVerifier.create(deployer().streamDeploy(this.project, Path.of("api"), "ticket-7"))
			.expectNext("Building image", "==> Pushing", "Done")
			.verifyComplete();
		assertThat(Files.readString(this.temp.resolve("args")).strip()).isEqualTo("deploy --remote-only");
		assertThat(Path.of(Files.readString(this.temp.resolve("cwd")).strip()))
			.isEqualTo(this.project.resolve("api").toRealPath());
		assertThat(this.events.ofType(FlyDeployLineEvent.class)).hasSize(3)
			.allSatisfy((event) -> assertThat(event.ticketId()).isEqualTo("ticket-7"));
		FlyDeployExitEvent exit = this.events.single(FlyDeployExitEvent.class);
		assertThat(exit.result()).isEqualTo(DeployResult.OK);
		assertThat(exit.exitCode()).isZero();
		assertThat(exit.toString()).doesNotContain("Building");
		assertThat(this.observed).singleElement().satisfies((context) -> {
			assertThat(context.getName()).isEqualTo("exatlas.fly.deploy");
			assertThat(context.getLowCardinalityKeyValue("result").getValue()).isEqualTo("ok");
			assertThat(context.getHighCardinalityKeyValue("ticket.id").getValue()).isEqualTo("ticket-7");
		});
	}

	@Test
	void aNonZeroExitIsAnErrorCarryingTheOutputOutsideTheMessage() throws IOException {
		cli("echo 'token=fo1_secret_in_output'; echo 'Error: failed to fetch an image' >&2; exit 3");
		StepVerifier.create(deployer().streamDeploy(this.project, Path.of("api"), "t"))
			.expectNext("token=fo1_secret_in_output", "Error: failed to fetch an image")
			.verifyErrorSatisfies((ex) -> {
				assertThat(ex).isInstanceOf(FlyDeployException.class);
				FlyDeployException deploy = (FlyDeployException) ex;
				assertThat(deploy.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(deploy.exitCode()).isEqualTo(3);
				assertThat(deploy.output()).contains("failed to fetch");
				assertThat(deploy.getMessage()).doesNotContain("fo1_secret");
			});
		FlyDeployExitEvent exit = this.events.single(FlyDeployExitEvent.class);
		assertThat(exit.result()).isEqualTo(DeployResult.EXIT_CODE);
		assertThat(exit.exitCode()).isEqualTo(3);
	}

	@Test
	void silenceLongerThanTheActivityTimeoutKillsTheWholeProcessTree() throws IOException {
		cli("echo started; sleep 30 & echo $! > '" + this.temp.resolve("child") + "'; wait");
		StepVerifier.create(deployer(Duration.ofMillis(500), Duration.ofSeconds(10))
			.streamDeploy(this.project, Path.of("api"), "t"))
			.expectNext("started")
			.verifyErrorSatisfies((ex) -> assertThat(((FlyDeployException) ex).kind()).isEqualTo(ErrorKind.TIMEOUT));
		assertGone("pid");
		assertGone("child");
		assertThat(this.events.single(FlyDeployExitEvent.class).result()).isEqualTo(DeployResult.TIMEOUT);
	}

	@Test
	void theAbsoluteCapEndsADeployThatKeepsTalking() throws IOException {
		cli("while true; do echo tick; sleep 0.05; done");
		StepVerifier.create(deployer(Duration.ofSeconds(5), Duration.ofMillis(600))
			.streamDeploy(this.project, Path.of("api"), "t"))
			.thenConsumeWhile("tick"::equals)
			.verifyErrorSatisfies((ex) -> assertThat(ex.getMessage()).contains("not finished within PT0.6S"));
		assertGone("pid");
		assertThat(this.events.single(FlyDeployExitEvent.class).result()).isEqualTo(DeployResult.TIMEOUT);
	}

	@Test
	void cancellingKillsTheDeploy() throws IOException {
		cli("echo started; sleep 30");
		List<String> lines = new java.util.concurrent.CopyOnWriteArrayList<>();
		Disposable deploy = deployer().streamDeploy(this.project, Path.of("api"), "t").subscribe(lines::add);
		await().atMost(Duration.ofSeconds(5)).until(() -> lines.contains("started"));
		deploy.dispose();
		assertGone("pid");
		assertThat(this.events.single(FlyDeployExitEvent.class).result()).isEqualTo(DeployResult.CANCELLED);
	}

	@Test
	void aMissingCliIsNotFound() {
		FlyDeployer missing = new FlyDeployer(this.temp.resolve("no-such-fly").toString(), Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), this.events, Clock.systemUTC(), Schedulers.parallel(),
				ObservationRegistry.NOOP);
		StepVerifier.create(missing.streamDeploy(this.project, Path.of("api"), "t"))
			.verifyErrorSatisfies((ex) -> assertThat(ex).hasMessageContaining("could not be started"));
		assertThat(this.events.single(FlyDeployExitEvent.class).result()).isEqualTo(DeployResult.NOT_FOUND);
		assertKind(() -> missing.deploy(this.project, Path.of("api")), ErrorKind.NOT_FOUND);
	}

	@Test
	void directoriesOutsideTheProjectOrWithoutFlyTomlAreRejected() throws IOException {
		cli("echo never");
		Files.createDirectories(this.temp.resolve("outside"));
		Files.writeString(this.temp.resolve("outside/fly.toml"), "app = \"evil\"\n");
		Files.createSymbolicLink(this.project.resolve("link"), this.temp.resolve("outside"));
		Files.createDirectories(this.project.resolve("empty"));
		for (String dir : List.of("../outside", "link", "empty", "missing", "/etc")) {
			assertKind(() -> deployer().deploy(this.project, Path.of(dir)), ErrorKind.VALIDATION);
			StepVerifier.create(deployer().streamDeploy(this.project, Path.of(dir), "t")).verifyError();
		}
		assertThat(this.temp.resolve("args")).doesNotExist();
		assertThat(this.events.ofType(FlyDeployExitEvent.class)).isEmpty();
	}

	@Test
	void craftedPathsNeverEscapeTheProjectNorBecomeCliArguments() throws IOException {
		cli("echo ok");
		for (String dir : List.of("--config=/etc/fly.toml", "-a evil", "api/../..", "api/../../outside",
				"./../project/../..", "api\n--app=evil", "%2e%2e/outside")) {
			assertKind(() -> deployer().deploy(this.project, Path.of(dir)), ErrorKind.VALIDATION)
				.satisfies((ex) -> assertThat(ex.getMessage()).doesNotContain("\n"));
		}
		assertThat(this.temp.resolve("args")).as("the CLI never started").doesNotExist();
		for (String dir : List.of("--remote-only --app=evil", "-a", "with space", "new\nline")) {
			Files.createDirectories(this.project.resolve(dir));
			Files.writeString(this.project.resolve(dir).resolve("fly.toml"), "app = \"atlas-api\"\n");
			assertThat(deployer().deploy(this.project, Path.of(dir))).contains("ok");
			assertThat(Files.readString(this.temp.resolve("args")).strip()).isEqualTo("deploy --remote-only");
			assertThat(Path.of(Files.readString(this.temp.resolve("cwd")).strip()))
				.isEqualTo(this.project.resolve(dir).toRealPath());
		}
	}

	@Test
	void aBlockingDeployReturnsTheOutputOrATypedError() throws IOException {
		cli("echo 'deployed'; echo 'warning' >&2");
		assertThat(deployer().deploy(this.project, Path.of("api"))).contains("deployed", "warning");
		cli("echo 'nope'; exit 2");
		assertKind(() -> deployer().deploy(this.project, Path.of("api")), ErrorKind.PROVIDER)
			.satisfies((ex) -> assertThat(((FlyDeployException) ex).output()).contains("nope"));
		cli("sleep 30");
		FlyDeployer impatient = new FlyDeployer(this.cli.toString(), Duration.ofMillis(300), Duration.ofSeconds(1),
				Duration.ofSeconds(1), this.events, Clock.systemUTC(), Schedulers.parallel(),
				ObservationRegistry.NOOP);
		assertKind(() -> impatient.deploy(this.project, Path.of("api")), ErrorKind.TIMEOUT);
		assertGone("pid");
	}

	@Test
	void interruptingABlockingDeployKillsItAndSaysSoRatherThanTimingOut() throws Exception {
		cli("sleep 30");
		AtomicReference<Throwable> failure = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread caller = new Thread(() -> {
			try {
				deployer().deploy(this.project, Path.of("api"));
			}
			catch (RuntimeException ex) {
				failure.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		}, "deploy-caller");
		caller.start();
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(this.temp.resolve("pid")));
		caller.interrupt();
		caller.join(10_000);
		assertThat(failure.get()).isInstanceOf(FlyDeployException.class)
			.satisfies((ex) -> assertThat(((FlyDeployException) ex).kind()).isEqualTo(ErrorKind.UNKNOWN))
			.satisfies((ex) -> assertThat(((FlyDeployException) ex).code()).contains("interrupted"));
		assertThat(stillInterrupted).isTrue();
		assertGone("pid");
	}

	private void assertGone(String pidFile) throws IOException {
		await().atMost(Duration.ofSeconds(5)).until(() -> Files.exists(this.temp.resolve(pidFile)));
		long pid = Long.parseLong(Files.readString(this.temp.resolve(pidFile)).strip());
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ProcessHandle.of(pid).map((handle) -> !handle.isAlive()).orElse(true));
	}

	@Test
	void eachEndOfADeployIsReportedAsWhatItWasNeverAsATimeoutByDefault() {
		assertThat(FlyDeployer.result(reactor.core.publisher.SignalType.ON_COMPLETE, null)).isEqualTo(DeployResult.OK);
		assertThat(FlyDeployer.result(reactor.core.publisher.SignalType.CANCEL, null)).isEqualTo(DeployResult.CANCELLED);
		for (ErrorKind kind : ErrorKind.values()) {
			DeployResult result = FlyDeployer.result(reactor.core.publisher.SignalType.ON_ERROR,
					io.exatlas.ExAtlasException.builder(kind).provider("fly").message("m").build());
			assertThat(result).as(kind.name()).isEqualTo(switch (kind) {
				case NOT_FOUND -> DeployResult.NOT_FOUND;
				case TIMEOUT -> DeployResult.TIMEOUT;
				case TRANSPORT -> DeployResult.OUTPUT_FAILED;
				case CANCELLED -> DeployResult.CANCELLED;
				default -> DeployResult.ERROR;
			});
		}
		assertThat(FlyDeployer.result(reactor.core.publisher.SignalType.ON_ERROR, new IllegalStateException("bug")))
			.isEqualTo(DeployResult.ERROR);
	}

	@Test
	void anotherPartOfTheAppJoinsARunningDeployByTicketWithItsRecentLinesAndLeavesWhenItEnds() throws Exception {
		Path gate = this.temp.resolve("gate");
		cli("echo one; echo two; echo three; while [ ! -f '" + gate + "' ]; do sleep 0.05; done; echo four; echo five");
		FlyDeployer deployer = deployer();
		List<String> owner = new java.util.concurrent.CopyOnWriteArrayList<>();
		AtomicBoolean ownerDone = new AtomicBoolean();
		deployer.streamDeploy(this.project, Path.of("api"), "ticket-9")
			.subscribe(owner::add, null, () -> ownerDone.set(true));
		await().atMost(Duration.ofSeconds(10)).until(() -> owner.size() == 3);
		assertThat(deployer.running().tickets()).containsExactly("ticket-9");
		assertKind(() -> deployer.streamDeploy(this.project, Path.of("api"), "ticket-9").blockLast(),
				ErrorKind.VALIDATION);
		assertKind(() -> deployer.running().join("no-such-ticket").blockLast(), ErrorKind.NOT_FOUND);
		StepVerifier.create(deployer.running().join("ticket-9"))
			.expectNext("one", "two", "three")
			.then(() -> {
				try {
					Files.writeString(gate, "go");
				}
				catch (IOException ex) {
					throw new java.io.UncheckedIOException(ex);
				}
			})
			.expectNext("four", "five")
			.expectComplete()
			.verify(Duration.ofSeconds(10));
		await().atMost(Duration.ofSeconds(10)).until(ownerDone::get);
		assertThat(owner).containsExactly("one", "two", "three", "four", "five");
		assertThat(deployer.running().tickets()).as("removed when it ended").isEmpty();
	}

	@Test
	void whenTheOwnerCancelsAJoinerIsToldTheDeployWasCancelled() throws Exception {
		cli("echo started; sleep 30");
		FlyDeployer deployer = deployer();
		Disposable owner = deployer.streamDeploy(this.project, Path.of("api"), "ticket-10").subscribe();
		await().atMost(Duration.ofSeconds(10)).until(() -> deployer.running().tickets().contains("ticket-10"));
		AtomicReference<Throwable> joinerError = new AtomicReference<>();
		deployer.running().join("ticket-10").subscribe(null, joinerError::set);
		owner.dispose();
		await().atMost(Duration.ofSeconds(10)).until(() -> joinerError.get() != null);
		assertThat(((io.exatlas.ExAtlasException) joinerError.get()).kind()).isEqualTo(ErrorKind.CANCELLED);
		assertThat(deployer.running().tickets()).isEmpty();
	}

}
