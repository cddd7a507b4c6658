package io.exatlas.test.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.compute.Compute;
import io.exatlas.compute.ComputeFilter;
import io.exatlas.compute.ComputeProvider;
import io.exatlas.compute.ComputeRequest;
import io.exatlas.compute.ProviderContext;
import io.exatlas.providers.http.ProviderRequestEvent;
import io.exatlas.test.fake.FakeCloud;
import io.exatlas.test.fake.TestProviderClients;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Fault injection against a provider's fake cloud (a real local HTTP server): transient statuses with and without
 * {@code Retry-After}, resets mid-body, a server that never answers, truncated and malformed JSON, bodies with
 * missing or unexpected fields, bodies over the buffer limit, and creates whose outcome is unknown. Expected: the right {@link ErrorKind}, reads
 * retried within the policy's bounds, creates never duplicated (the fake's resources are counted after each
 * scenario), a request event for every attempt, and no thread or socket left behind after a thousand failing
 * calls.
 * <p>
 * The provider must be built with {@link TestProviderClients} (3 retries, delays recorded, not waited) and a read
 * timeout of {@link #READ_TIMEOUT}. The kit creates the target once per test class and closes it after the last
 * test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ProviderFaultConformance {

	private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

	private static final int RETRIES = 3;

	/**
	 * A method and a path pattern of the fake cloud.
	 *
	 * @param method the HTTP method
	 * @param pathRegex the path, as a regular expression
	 */
	public record Endpoint(String method, String pathRegex) {
	}

	/**
	 * What the kit needs of a provider under test.
	 *
	 * @param provider the provider, wired to the fake through {@code clients}
	 * @param fake the fake cloud it talks to
	 * @param clients the clients' recorded events and retry delays
	 * @param create the request that creates a resource
	 * @param read the request that reads one resource
	 * @param resources what to close after the last test (the fake and anything else the fixture started)
	 */
	public record FaultTarget(ComputeProvider provider, FakeCloud fake, TestProviderClients clients, Endpoint create,
			Endpoint read, AutoCloseable resources) {
	}

	/** The read timeout the provider under test should be built with: long enough for a local call, short. */
	protected static final Duration READ_TIMEOUT = Duration.ofMillis(500);

	private FaultTarget target;

	/**
	 * Build the provider under test and its fake cloud; called once per test class.
	 * @return the target
	 */
	protected abstract FaultTarget createTarget();

	@BeforeAll
	void createTheTarget() {
		this.target = createTarget();
	}

	@AfterAll
	void closeTheTarget() throws Exception {
		this.target.resources().close();
	}

	private FaultTarget target() {
		return this.target;
	}

	/**
	 * A request this provider can spawn; the kit adds a unique name.
	 * @return the request builder
	 */
	protected ComputeRequest.Builder spawnRequest() {
		return ComputeRequest.builder().gpu("h100").image("test/image:latest").httpPort(8000);
	}

	@BeforeEach
	void resetFake() {
		target().fake().reset();
		target().clients().events.clear();
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 429, 500, 502, 503, 504 })
	void readsRetryTransientStatusesWithAnEventPerAttempt(int status) {
		Compute compute = spawn();
		target().clients().events.clear();
		long before = readAttempts();
		failNextReads(2, status(status));
		assertThat(get(compute.id()).id()).isEqualTo(compute.id());
		assertThat(readAttempts() - before).isEqualTo(3);
		assertThat(readEvents()).extracting((event) -> event.status().orElse(-1)).containsExactly(status, status, 200);
	}

	@Test
	void aRetryAfterOnA429IsHonoured() {
		Compute compute = spawn();
		int delaysBefore = target().clients().retryDelays.delays().size();
		failNextReads(1, new MockResponse.Builder().code(429).addHeader("Retry-After", "2").body("slow down").build());
		assertThat(get(compute.id()).id()).isEqualTo(compute.id());
		List<Duration> delays = target().clients().retryDelays.delays();
		assertThat(delays.subList(delaysBefore, delays.size())).containsExactly(Duration.ofSeconds(2));
	}

	@Test
	void readsGiveUpAfterTheRetryBudget() {
		Compute compute = spawn();
		target().clients().events.clear();
		long before = readAttempts();
		failNextReads(RETRIES + 1, status(503));
		ExAtlasException failure = getFailure(compute.id());
		assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER);
		assertThat(failure.isTransient()).isTrue();
		assertThat(readAttempts() - before).isEqualTo(RETRIES + 1);
		assertThat(readEvents()).hasSize(RETRIES + 1);
	}

	@Test
	void aConnectionResetMidBodyIsATransportFailureAfterTheRetries() {
		Compute compute = spawn();
		target().clients().events.clear();
		failNextReads(RETRIES + 1, new MockResponse.Builder().code(200)
			.body("{\"data\":[" + "{\"id\":\"x\"},".repeat(4000) + "{}]}")
			.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
			.build());
		assertThat(getFailure(compute.id()).kind()).isEqualTo(ErrorKind.TRANSPORT);
		assertThat(readEvents()).hasSize(RETRIES + 1)
			.allSatisfy((event) -> assertThat(event.errorKind()).isEqualTo(ErrorKind.TRANSPORT));
	}

	@Test
	void aServerThatAcceptsAndNeverAnswersTimesOut() {
		Compute compute = spawn();
		target().clients().events.clear();
		failNextReads(RETRIES + 1, new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
		assertThat(getFailure(compute.id()).kind()).isEqualTo(ErrorKind.TIMEOUT);
		assertThat(readEvents()).hasSize(RETRIES + 1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{\"id\": \"abc\", \"sta", "<html>502 Bad Gateway</html>", "{\"id\": tru}" })
	void truncatedAndMalformedJsonIsAProviderErrorAndIsNotRetried(String body) {
		Compute compute = spawn();
		target().clients().events.clear();
		long before = readAttempts();
		failNextReads(1, FakeCloud.text(200, body));
		assertThat(getFailure(compute.id()).kind()).isEqualTo(ErrorKind.PROVIDER);
		assertThat(readAttempts() - before).isEqualTo(1);
	}

	@Test
	void aBodyLargerThanTheBufferLimitIsAClearProviderErrorAndIsNotRetried() {
		Compute compute = spawn();
		long before = readAttempts();
		// the providers' default max-in-memory-size is 4 MB
		String huge = "{\"id\": \"" + compute.id() + "\", \"padding\": \"" + "x".repeat(5 * 1024 * 1024) + "\"}";
		failNextReads(1, FakeCloud.text(200, huge));
		ExAtlasException failure = getFailure(compute.id());
		assertThat(failure.kind()).isEqualTo(ErrorKind.PROVIDER);
		assertThat(failure.getMessage()).contains("max-in-memory-size").hasSizeLessThan(1000);
		assertThat(readAttempts() - before).isEqualTo(1);
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "{}", "[]", "null", "{\"unexpected\": {\"nested\": [1, 2, 3]}, \"data\": 7}",
			"{\"data\": {}, \"instance\": {}, \"instances\": [{}], \"id\": 12}" })
	void bodiesWithMissingOrUnexpectedFieldsGiveATypedErrorOrAResourceNeverAnotherException(String body) {
		Compute compute = spawn();
		failNextReads(1, FakeCloud.text(200, body));
		Throwable failure = catchThrowable(() -> target().provider().get(compute.id(), ProviderContext.defaults())
			.block(CALL_TIMEOUT));
		if (failure != null) {
			assertThat(failure).isInstanceOf(ExAtlasException.class);
			assertThat(((ExAtlasException) failure).kind()).isIn(ErrorKind.PROVIDER, ErrorKind.NOT_FOUND);
		}
	}

	static Stream<Arguments> ambiguousCreateFailures() {
		return Stream.of(Arguments.of("HTTP 500", status(500)), Arguments.of("HTTP 502", status(502)),
				Arguments.of("HTTP 503", status(503)), Arguments.of("HTTP 504", status(504)),
				Arguments.of("HTTP 429", status(429)),
				Arguments.of("reset before the answer",
						new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build()));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ambiguousCreateFailures")
	void aCreateThatHappenedButFailedOnTheWireIsNeverDuplicated(String fault, MockResponse response) {
		String name = uniqueName();
		target().fake().handleThenFail(target().create().method(), target().create().pathRegex(), response);
		spawnDespiteTheFault(name);
		assertThat(named(name)).as("resources named %s after %s", name, fault).hasSize(1);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("ambiguousCreateFailures")
	void aCreateThatFailedBeforeHappeningIsCreatedAtMostOnce(String fault, MockResponse response) {
		String name = uniqueName();
		target().fake().failNext(target().create().method(), target().create().pathRegex(), response);
		Throwable failure = spawnDespiteTheFault(name);
		assertThat(named(name)).as("resources named %s after %s", name, fault).hasSize((failure == null) ? 1 : 0);
	}

	@Test
	void aThousandFailingCallsLeaveNoThreadOrSocketBehind() {
		Compute compute = spawn();
		for (int i = 0; i < 20; i++) {
			failingCalls(compute.id(), 1);
		}
		int threadsBefore = liveThreads();
		long socketsBefore = openSockets();
		failingCalls(compute.id(), 1000);
		int threadsAfter = liveThreads();
		long socketsAfter = openSockets();
		System.out.println(getClass().getSimpleName() + ": 1000 failing calls, live threads " + threadsBefore + " -> "
				+ threadsAfter + ", open sockets " + socketsBefore + " -> " + socketsAfter);
		assertThat(threadsAfter).as("live threads").isLessThanOrEqualTo(threadsBefore + 2);
		assertThat(socketsAfter).as("open sockets").isLessThanOrEqualTo(socketsBefore + 4);
	}

	/**
	 * {@code count} calls that fail: every fourth one is reset mid-body on every attempt (and so retried), the others
	 * answer 404.
	 */
	private void failingCalls(String id, int count) {
		for (int i = 0; i < count; i++) {
			if (i % 4 == 0) {
				failNextReads(RETRIES + 1, new MockResponse.Builder().code(200)
					.body("{\"x\":[" + "1,".repeat(20000) + "1]}")
					.onResponseBody(SocketEffect.ShutdownConnection.INSTANCE)
					.build());
			}
			else {
				failNextReads(1, FakeCloud.text(404, "{\"error\": \"not found\"}"));
			}
			assertThat(getFailure(id).kind()).isIn(ErrorKind.TRANSPORT, ErrorKind.NOT_FOUND);
		}
	}

	/** Spawn under an injected fault: it succeeds or fails with a typed error; returns the failure, if any. */
	private @Nullable Throwable spawnDespiteTheFault(String name) {
		Throwable failure = catchThrowable(() -> target().provider().spawn(spawnRequest().name(name).build(),
				ProviderContext.defaults()).block(CALL_TIMEOUT));
		if (failure != null) {
			assertThat(failure).isInstanceOf(ExAtlasException.class);
		}
		return failure;
	}

	private Compute spawn() {
		return target().provider().spawn(spawnRequest().name(uniqueName()).build(), ProviderContext.defaults())
			.block(CALL_TIMEOUT);
	}

	private Compute get(String id) {
		return target().provider().get(id, ProviderContext.defaults()).block(CALL_TIMEOUT);
	}

	private ExAtlasException getFailure(String id) {
		return assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> get(id)).actual();
	}

	private List<Compute> named(String name) {
		return target().provider().list(ComputeFilter.all(), ProviderContext.defaults())
			.filter((compute) -> name.equals(compute.name()))
			.collectList()
			.block(CALL_TIMEOUT);
	}

	private void failNextReads(int times, MockResponse response) {
		for (int i = 0; i < times; i++) {
			target().fake().failNext(target().read().method(), target().read().pathRegex(), response);
		}
	}

	private long readAttempts() {
		Pattern path = Pattern.compile(target().read().pathRegex());
		return target().fake().exchanges()
			.stream()
			.filter((exchange) -> exchange.method().equals(target().read().method())
					&& path.matcher(exchange.path().split("\\?")[0]).matches())
			.count();
	}

	private List<ProviderRequestEvent> readEvents() {
		return target().clients().events.ofType(ProviderRequestEvent.class)
			.stream()
			.filter((event) -> event.method().equals(target().read().method()))
			.toList();
	}

	private static MockResponse status(int status) {
		return FakeCloud.text(status, "{\"error\": \"injected fault\"}");
	}

	private static String uniqueName() {
		return "atlas-fault-" + UUID.randomUUID().toString().substring(0, 8);
	}

	private static int liveThreads() {
		return Thread.getAllStackTraces().size();
	}

	private static long openSockets() {
		Path descriptors = Path.of("/proc/self/fd");
		if (!Files.isDirectory(descriptors)) {
			return 0;
		}
		try (Stream<Path> entries = Files.list(descriptors)) {
			return entries.filter((entry) -> {
				try {
					return Files.readSymbolicLink(entry).toString().startsWith("socket:");
				}
				catch (IOException ex) {
					return false;
				}
			}).count();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
