package io.exatlas.fly.logs;

import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.exatlas.internal.WireJson;
import io.exatlas.test.fake.FakeCloud;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A fake of Fly's log API: {@code GET /api/v1/apps/{app}/logs} answering JSON:API pages of the entries logged
 * after {@code next_token} (a nanosecond cursor), at most {@link #pageSize} per page. Accepts one token; answers
 * 404 for unknown apps.
 */
public final class FakeFlyLogs extends FakeCloud {

	/** The app whose logs the fake serves. */
	public static final String APP = "atlas-logs";

	private static final Pattern LOGS = Pattern.compile("/api/v1/apps/([^/]+)/logs");

	final List<ObjectNode> entries = new CopyOnWriteArrayList<>();

	final AtomicInteger fetches = new AtomicInteger();

	volatile String validToken = "Bearer fo1_logs_token";

	/**
	 * Accept only this token (with its scheme, as sent in the Authorization header).
	 * @param authorization the accepted header value
	 */
	public void accept(String authorization) {
		this.validToken = authorization;
	}

	volatile int pageSize = 100;

	/** Add a well-formed entry; its cursor is its position. */
	public void log(String message) {
		ObjectNode item = WireJson.object().put("id", "e" + this.entries.size()).put("type", "log");
		item.putObject("attributes")
			.put("timestamp", Instant.parse("2026-11-24T10:00:00Z").plusSeconds(this.entries.size()).toString())
			.put("message", message)
			.put("level", "info")
			.put("region", "ord")
			.put("instance", "1781973f003d89");
		this.entries.add(item);
	}

	/** Add an entry without a timestamp or message. */
	void logMalformed() {
		this.entries.add((ObjectNode) WireJson.object().put("id", "bad").set("attributes", WireJson.object().put("level", "x")));
	}

	@Override
	protected void clearState() {
		this.entries.clear();
		this.fetches.set(0);
	}

	@Override
	protected boolean authorized(RecordedRequest request) {
		return this.validToken.equals(request.getHeaders().get("Authorization"));
	}

	@Override
	protected MockResponse unauthorized(RecordedRequest request) {
		return json(401, WireJson.object().put("error", "unauthorized"));
	}

	@Override
	protected MockResponse route(String method, String path, RecordedRequest request, JsonNode body) {
		Matcher matcher = LOGS.matcher(path);
		if (!matcher.matches() || !matcher.group(1).equals(APP)) {
			return json(404, WireJson.object().put("error", "app not found"));
		}
		this.fetches.incrementAndGet();
		String target = request.getTarget();
		String token = target.replaceAll(".*next_token=([^&]*).*", "$1");
		int from = token.isEmpty() ? Math.max(0, this.entries.size() - this.pageSize)
				: (token.length() > 12) ? firstAtOrAfter(new java.math.BigInteger(token)) : Integer.parseInt(token);
		int to = Math.min(this.entries.size(), from + this.pageSize);
		ObjectNode page = WireJson.object();
		ArrayNode data = page.putArray("data");
		this.entries.subList(from, to).forEach(data::add);
		page.putObject("meta").put("next_token", String.valueOf(to));
		return json(200, page);
	}

	/** A cursor that is a nanosecond timestamp (a start time): the first entry logged at or after it. */
	private int firstAtOrAfter(java.math.BigInteger nanos) {
		for (int i = 0; i < this.entries.size(); i++) {
			String timestamp = this.entries.get(i).path("attributes").path("timestamp").asString("");
			if (!timestamp.isEmpty()) {
				java.time.Instant at = java.time.Instant.parse(timestamp);
				java.math.BigInteger atNanos = java.math.BigInteger.valueOf(at.getEpochSecond())
					.multiply(java.math.BigInteger.valueOf(1_000_000_000L))
					.add(java.math.BigInteger.valueOf(at.getNano()));
				if (atNanos.compareTo(nanos) >= 0) {
					return i;
				}
			}
		}
		return this.entries.size();
	}

}
