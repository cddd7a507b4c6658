package io.exatlas.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real three-node Redis Cluster for the tests: three {@code redis-server} processes in cluster mode on 127.0.0.1
 * (each with a data directory of its own), joined by {@code redis-cli --cluster create} with the 16384 slots split
 * between them and no replicas. Register it with {@code @RegisterExtension static RedisClusterNodes cluster = new
 * RedisClusterNodes();}. Without the binaries the tests are skipped, unless {@code EXATLAS_REQUIRE_REDIS=true} (CI
 * sets it), when they fail.
 */
public final class RedisClusterNodes implements BeforeAllCallback, AfterAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

	private static final int NODES = 3;

	private final List<Integer> ports = new ArrayList<>();

	private final List<Process> processes = new ArrayList<>();

	private Path directory;

	private LettuceConnectionFactory connections;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String server = RedisBinaries.find("redis-server");
		String cli = RedisBinaries.find("redis-cli");
		if (server == null || cli == null) {
			if (Boolean.parseBoolean(System.getenv("EXATLAS_REQUIRE_REDIS"))) {
				throw new IllegalStateException("EXATLAS_REQUIRE_REDIS=true but redis-server or redis-cli is missing");
			}
			Assumptions.abort("no redis-server/redis-cli on this machine (apt-get install redis-server); skipping");
		}
		this.directory = Files.createTempDirectory("exatlas-redis-cluster-");
		for (int node = 0; node < NODES; node++) {
			int port = freePortWithFreeBusPort();
			this.ports.add(port);
			Path data = Files.createDirectory(this.directory.resolve("node-" + port));
			this.processes.add(new ProcessBuilder(server, "--bind", "127.0.0.1", "--port", Integer.toString(port),
					"--dir", data.toString(), "--cluster-enabled", "yes", "--cluster-config-file", "nodes.conf",
					"--cluster-node-timeout", "5000", "--appendonly", "no", "--save", "", "--protected-mode", "no")
				.redirectErrorStream(true)
				.redirectOutput(data.resolve("redis.log").toFile())
				.start());
		}
		for (int port : this.ports) {
			await(() -> command(port, "PING").startsWith("+PONG"), "node " + port + " to answer PING");
		}
		List<String> create = new ArrayList<>(List.of(cli, "--cluster", "create"));
		this.ports.forEach((port) -> create.add("127.0.0.1:" + port));
		create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
		Process creating = new ProcessBuilder(create).redirectErrorStream(true)
			.redirectOutput(this.directory.resolve("create.log").toFile())
			.start();
		if (!creating.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || creating.exitValue() != 0) {
			throw new IllegalStateException("redis-cli --cluster create failed: "
					+ Files.readString(this.directory.resolve("create.log")));
		}
		for (int port : this.ports) {
			await(() -> command(port, "CLUSTER", "INFO").contains("cluster_state:ok"), "node " + port + " to be ok");
		}
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.connections != null) {
			this.connections.destroy();
		}
		for (Process process : this.processes) {
			process.destroy();
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		if (this.directory != null) {
			try (var files = Files.walk(this.directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	/**
	 * The nodes, as {@code host:port}.
	 * @return the three nodes
	 */
	public List<String> nodes() {
		return this.ports.stream().map((port) -> "127.0.0.1:" + port).toList();
	}

	/**
	 * Spring Boot properties that connect to this cluster.
	 * @return the properties
	 */
	public String[] connectionProperties() {
		return new String[] { "spring.data.redis.cluster.nodes=" + String.join(",", nodes()) };
	}

	/**
	 * A template over a cluster connection, shared by the test class and closed after it.
	 * @return a new template
	 */
	public synchronized StringRedisTemplate template() {
		if (this.connections == null) {
			this.connections = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes()));
			this.connections.afterPropertiesSet();
			this.connections.start();
		}
		StringRedisTemplate template = new StringRedisTemplate(this.connections);
		template.afterPropertiesSet();
		return template;
	}

	/**
	 * Delete every key on every node.
	 */
	public void flushAll() {
		this.ports.forEach((port) -> command(port, "FLUSHALL"));
	}

	private static int freePortWithFreeBusPort() throws IOException {
		for (int attempt = 0; attempt < 100; attempt++) {
			try (ServerSocket socket = new ServerSocket(0)) {
				int port = socket.getLocalPort();
				if (port + 10000 <= 65535) {
					try (ServerSocket bus = new ServerSocket(port + 10000)) {
						return port;
					}
					catch (IOException ex) {
						// the cluster bus port is taken; try another
					}
				}
			}
		}
		throw new IllegalStateException("no free port whose cluster bus port (+10000) is free too");
	}

	private static String command(int port, String... arguments) {
		StringBuilder request = new StringBuilder("*" + arguments.length + "\r\n");
		for (String argument : arguments) {
			request.append('$').append(argument.length()).append("\r\n").append(argument).append("\r\n");
		}
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write(request.toString().getBytes(StandardCharsets.UTF_8));
			byte[] reply = new byte[4096];
			int read = socket.getInputStream().read(reply);
			return (read > 0) ? new String(reply, 0, read, StandardCharsets.UTF_8) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static void await(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.getAsBoolean()) {
				return;
			}
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException("interrupted waiting for " + what, ex);
			}
		}
		throw new IllegalStateException("timed out waiting for " + what);
	}

}
