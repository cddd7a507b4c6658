package io.exatlas.fly.logs;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One line of a Fly app's logs.
 *
 * @param timestamp when it was logged
 * @param message the log line (may hold anything the app printed, so {@link #toString()} leaves it out)
 * @param level the level, e.g. {@code info}
 * @param region the region code, e.g. {@code ord}
 * @param instance the machine id
 * @param app the app name
 */
public record LogEntry(Instant timestamp, String message, @Nullable String level, @Nullable String region,
		@Nullable String instance, String app) {

	@Override
	public String toString() {
		return "LogEntry[timestamp=" + this.timestamp + ", level=" + this.level + ", region=" + this.region
				+ ", instance=" + this.instance + ", app=" + this.app + ", message=(" + this.message.length()
				+ " chars)]";
	}

}
