package io.exatlas.fly.logs;

import java.util.List;

import org.jspecify.annotations.Nullable;

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

}
