package io.exatlas.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
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

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * A real {@code redis-server} for the tests, started on 127.0.0.1 with a free port and a data directory of its own,
 * persisting every write to its append-only file before acknowledging it (so a restart loses nothing acknowledged).
 * Register it with {@code @RegisterExtension static RedisServer redis = new RedisServer();}. Without a
 * {@code redis-server} binary the tests are skipped with a message, unless {@code EXATLAS_REQUIRE_REDIS=true} (CI sets
 * it), when they fail.
 */
public final class RedisServer implements BeforeAllCallback, AfterAllCallback {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(20);

	private Path directory;

	private int port;

	private Process process;

	private LettuceConnectionFactory connections;

	@Override
	public void beforeAll(ExtensionContext context) throws Exception {
		String binary = binary();
		if (binary == null) {
			if (Boolean.parseBoolean(System.getenv("EXATLAS_REQUIRE_REDIS"))) {
				throw new IllegalStateException("EXATLAS_REQUIRE_REDIS=true but no redis-server binary was found");
			}
			Assumptions.abort("no redis-server binary on this machine (apt-get install redis-server); skipping");
		}
		this.directory = Files.createTempDirectory("exatlas-redis-");
		try (ServerSocket socket = new ServerSocket(0)) {
			this.port = socket.getLocalPort();
		}
		start();
	}

	@Override
	public void afterAll(ExtensionContext context) throws Exception {
		if (this.connections != null) {
			this.connections.destroy();
		}
		stop();
		if (this.directory != null) {
			try (var files = Files.walk(this.directory)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	/**
	 * The port the server listens on (it stays the same across {@link #restart()}).
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Spring Boot properties that connect to this server.
	 * @return the properties
	 */
	public String[] connectionProperties() {
		return new String[] { "spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + this.port };
	}

	/**
	 * A template over a connection to this server, shared by the test class and closed after it.
	 * @return a new template
	 */
	public synchronized StringRedisTemplate template() {
		if (this.connections == null) {
			this.connections = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", this.port));
			this.connections.afterPropertiesSet();
			this.connections.start();
		}
		StringRedisTemplate template = new StringRedisTemplate(this.connections);
		template.afterPropertiesSet();
		return template;
	}

	/**
	 * Stop the server (SIGTERM, as a service restart does) and start it again on the same port and data.
	 */
	public void restart() {
		stop();
		start();
	}

	/**
	 * Delete every key.
	 */
	public void flushAll() {
		command("FLUSHALL");
	}

	private void start() {
		List<String> command = new ArrayList<>(List.of(binary(), "--bind", "127.0.0.1", "--port",
				Integer.toString(this.port), "--dir", this.directory.toString(), "--appendonly", "yes",
				"--appendfsync", "always", "--save", "", "--protected-mode", "no"));
		try {
			this.process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(this.directory.resolve("redis.log").toFile())
				.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (command("PING").startsWith("+PONG")) {
				return;
			}
			sleep(50);
		}
		throw new IllegalStateException("redis-server did not start on port " + this.port);
	}

	private void stop() {
		if (this.process != null && this.process.isAlive()) {
			this.process.destroy();
			try {
				if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
					this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private String command(String name) {
		try (Socket socket = new Socket("127.0.0.1", this.port)) {
			socket.setSoTimeout(2000);
			socket.getOutputStream().write(("*1\r\n$" + name.length() + "\r\n" + name + "\r\n").getBytes());
			byte[] reply = new byte[64];
			int read = socket.getInputStream().read(reply);
			return (read > 0) ? new String(reply, 0, read) : "";
		}
		catch (IOException ex) {
			return "";
		}
	}

	private static String binary() {
		return RedisBinaries.find("redis-server");
	}

	private static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
