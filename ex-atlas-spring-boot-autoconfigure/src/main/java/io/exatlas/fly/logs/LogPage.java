package io.exatlas.fly.logs;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import io.exatlas.internal.WireJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One response of Fly's log API.
 *
 * @param entries the parsed entries, oldest first
 * @param nextToken the cursor for the next call ({@code meta.next_token}), or {@code null} when Fly sent none
 * @param malformed how many entries were skipped because they could not be parsed
 */
public record LogPage(List<LogEntry> entries, @Nullable String nextToken, int malformed) {

	/**
	 * Copies the entries.
	 * @param entries entries
	 * @param nextToken next token
	 * @param malformed malformed count
	 */
	public LogPage {
		entries = List.copyOf(entries);
	}

	/**
	 * Where the next fetch starts: just after the newest entry of this page (its timestamp plus one nanosecond, the
	 * reference's {@code next_start_time}, without its truncation to microseconds).
	 * @return the start time, empty for a page without entries
	 */
	public Optional<Instant> nextStartTime() {
		return this.entries.stream().map(LogEntry::timestamp).max(Comparator.naturalOrder())
			.map((newest) -> newest.plusNanos(1));
	}

	/**
	 * Read a response of Fly's log API: a JSON:API document whose {@code data[].attributes} are entries and whose
	 * {@code meta.next_token} is the next cursor. Entries without a message or a valid timestamp are skipped and
	 * counted.
	 * @param app the app (used when an entry does not name it)
	 * @param body the JSON:API document
	 * @return the page
	 */
	public static LogPage fromJsonApi(String app, JsonNode body) {
		List<LogEntry> entries = new ArrayList<>();
		int malformed = 0;
		for (JsonNode item : body.path("data")) {
			LogEntry entry = entry(app, item.path("attributes"));
			if (entry != null) {
				entries.add(entry);
			}
			else {
				malformed++;
			}
		}
		return new LogPage(entries, WireJson.text(body, "meta", "next_token"), malformed);
	}

	private static @Nullable LogEntry entry(String app, JsonNode attributes) {
		String message = WireJson.text(attributes, "message");
		Instant timestamp = WireJson.instant(attributes, "timestamp");
		if (message == null || timestamp == null) {
			return null;
		}
		String name = WireJson.text(attributes, "meta", "app", "name");
		return new LogEntry(timestamp, message, WireJson.text(attributes, "level"), WireJson.text(attributes, "region"),
				WireJson.text(attributes, "instance"), (name != null) ? name : app);
	}

}
