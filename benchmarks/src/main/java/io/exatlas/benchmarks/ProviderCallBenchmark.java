package io.exatlas.benchmarks;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.net.httpserver.HttpServer;
import io.exatlas.compute.Compute;
import io.exatlas.compute.GpuCatalog;
import io.exatlas.compute.ProviderContext;
import io.exatlas.event.ExAtlasEventPublisher;
import io.exatlas.internal.WireJson;
import io.exatlas.providers.http.CredentialSource;
import io.exatlas.providers.http.HttpProviderSettings;
import io.exatlas.providers.http.ProviderApi;
import io.exatlas.providers.http.ProviderHttpClientFactory;
import io.exatlas.providers.http.RetryPolicy;
import io.exatlas.providers.runpod.RunPodComputeProvider;
import io.exatlas.providers.runpod.RunPodGraphQlClient;
import io.exatlas.providers.runpod.RunPodRestClient;
import io.exatlas.providers.runpod.RunPodRuntimeClient;
import io.exatlas.providers.runpod.RunPodSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.util.unit.DataSize;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Get-compute through the library (RunPod provider, real WebClient on Reactor Netty, events published, response
 * normalized to a {@code Compute}) against the floor: the JDK {@code HttpClient} calling the same local stub (the
 * JDK's own HTTP server, answering a fixed body) and parsing the same body with Jackson.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ProviderCallBenchmark {

	private static final String POD = "{\"id\":\"pod123\",\"name\":\"atlas-bench\",\"status\":\"RUNNING\",\"image\":\"vllm/vllm-openai:latest\","
			+ "\"gpu\":{\"id\":\"NVIDIA H100 80GB HBM3\",\"count\":1},\"cost\":2.99,\"dataCenterId\":\"US-KS-2\","
			+ "\"ports\":[\"8000/http\",\"22/tcp\"],\"env\":{\"A\":\"1\"},\"createdAt\":\"2026-11-24T10:00:00Z\","
			+ "\"runtime\":{\"uptime\":10,\"ports\":[{\"private\":22,\"public\":30022,\"type\":\"tcp\",\"ip\":\"203.0.113.7\"}]}}";

	private HttpServer server;

	private ExecutorService serverThreads;

	private RunPodComputeProvider provider;

	private HttpClient jdk;

	private WebClient webClient;

	private URI podUri;

	@Setup(Level.Trial)
	public void setUp() throws IOException {
		// Without TCP_NODELAY the stub's header and body segments meet the client's delayed ACK: 40 ms per call.
		System.setProperty("sun.net.httpserver.nodelay", "true");
		byte[] body = POD.getBytes(StandardCharsets.UTF_8);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		this.server.createContext("/", (exchange) -> {
			exchange.getRequestBody().readAllBytes();
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(200, body.length);
			exchange.getResponseBody().write(body);
			exchange.close();
		});
		this.serverThreads = Executors.newFixedThreadPool(2);
		this.server.setExecutor(this.serverThreads);
		this.server.start();
		String base = "http://127.0.0.1:" + this.server.getAddress().getPort() + "/v2";
		ProviderHttpClientFactory factory = new ProviderHttpClientFactory(WebClient.builder(),
				ClientHttpConnectorBuilder.reactor(), HttpClientSettings.defaults(), ExAtlasEventPublisher.noop(),
				Clock.systemUTC(), Schedulers.parallel());
		HttpProviderSettings settings = new HttpProviderSettings(base, Duration.ofSeconds(5), Duration.ofSeconds(5),
				DataSize.ofMegabytes(1), new RetryPolicy(0, Duration.ofMillis(100), Duration.ofSeconds(1), 0,
						Duration.ofSeconds(1), RetryPolicy.DEFAULT_RETRYABLE_STATUSES));
		CredentialSource key = CredentialSource.of(() -> "bench-key");
		RunPodRestClient rest = new RunPodRestClient(
				factory.client("runpod", ProviderApi.MANAGEMENT, settings).credentials(key, "").build());
		this.provider = new RunPodComputeProvider(rest,
				new RunPodRuntimeClient(factory.client("runpod", ProviderApi.RUNTIME, settings).credentials(key, "").build()),
				new RunPodGraphQlClient(factory.client("runpod", ProviderApi.GRAPHQL, settings).credentials(key, "").build()),
				GpuCatalog.builtIn(), RunPodSettings.defaults(), Schedulers.parallel());
		this.webClient = WebClient.builder().clientConnector(ClientHttpConnectorBuilder.reactor().build()).build();
		this.jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		this.podUri = URI.create(base + "/pods/pod123");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.server.stop(0);
		this.serverThreads.shutdownNow();
	}

	@Benchmark
	public Compute library() {
		return this.provider.get("pod123", ProviderContext.defaults()).block();
	}

	/**
	 * A bare WebClient on the same connector, parsing with Jackson: the share of the library's cost that is
	 * WebClient and Reactor Netty's.
	 * @return the parsed body
	 */
	@Benchmark
	public JsonNode bareWebClientAndJackson() {
		byte[] body = this.webClient.get()
			.uri(this.podUri)
			.header("Authorization", "Bearer bench-key")
			.header("Accept", "application/json")
			.retrieve()
			.bodyToMono(byte[].class)
			.block();
		return WireJson.mapper().readTree(body);
	}

	@Benchmark
	@Threads(2)
	public Compute libraryTwoThreads() {
		return library();
	}

	@Benchmark
	@Threads(2)
	public JsonNode jdkTwoThreads() throws IOException, InterruptedException {
		return jdkHttpClientAndJackson();
	}

	@Benchmark
	public JsonNode jdkHttpClientAndJackson() throws IOException, InterruptedException {
		HttpResponse<byte[]> response = this.jdk.send(HttpRequest.newBuilder(this.podUri)
			.header("Authorization", "Bearer bench-key")
			.header("Accept", "application/json")
			.build(), HttpResponse.BodyHandlers.ofByteArray());
		return WireJson.mapper().readTree(response.body());
	}

}
