package io.exatlas.benchmarks;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.exatlas.fly.logs.LogPage;
import io.exatlas.internal.WireJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Parsing one page of Fly's log API (1,000 entries, JSON:API: Fly's log endpoint is not NDJSON) into
 * {@code LogEntry} records with the library, against the floor: Jackson reading the same bytes into a tree and
 * touching every entry's message.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LogParsingBenchmark {

	/** Entries per page. */
	public static final int ENTRIES = 1000;

	private byte[] page;

	@Setup(Level.Trial)
	public void setUp() {
		ObjectNode document = WireJson.object();
		ArrayNode data = document.putArray("data");
		Instant start = Instant.parse("2026-11-24T10:00:00.123456789Z");
		for (int i = 0; i < ENTRIES; i++) {
			data.addObject()
				.put("id", "e" + i)
				.put("type", "log")
				.putObject("attributes")
				.put("timestamp", start.plusMillis(i).toString())
				.put("message", "GET /api/items/" + i + " 200 in 12ms")
				.put("level", "info")
				.put("region", "ord")
				.put("instance", "1781973f003d89");
		}
		document.putObject("meta").put("next_token", "1779235200000000001");
		this.page = document.toString().getBytes(StandardCharsets.UTF_8);
	}

	@Benchmark
	public LogPage library() {
		return LogPage.fromJsonApi("bench-app", WireJson.mapper().readTree(this.page));
	}

	@Benchmark
	public int rawJackson() {
		int length = 0;
		for (JsonNode item : WireJson.mapper().readTree(this.page).path("data")) {
			length += item.path("attributes").path("message").asString().length();
		}
		return length;
	}

}
