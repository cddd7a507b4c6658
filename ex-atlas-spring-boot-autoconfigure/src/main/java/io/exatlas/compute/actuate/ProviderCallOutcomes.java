package io.exatlas.compute.actuate;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import io.exatlas.ErrorKind;
import io.exatlas.providers.http.ProviderRequestEvent;
import org.jspecify.annotations.Nullable;

import org.springframework.context.ApplicationListener;

/**
 * The outcome of each provider's last real HTTP call, kept from the {@link ProviderRequestEvent}s the application
 * makes anyway: a health check that reads it never spends a cloud's rate budget. Recording is one map write on the
 * publishing thread (often an event loop).
 */
public class ProviderCallOutcomes implements ApplicationListener<ProviderRequestEvent> {

	private final ConcurrentMap<String, LastCall> last = new ConcurrentHashMap<>();

	@Override
	public void onApplicationEvent(ProviderRequestEvent event) {
		this.last.put(event.provider(),
				new LastCall(Instant.ofEpochMilli(event.getTimestamp()), event.outcome(),
						event.status().isPresent() ? event.status().getAsInt() : null, event.errorKind(),
						event.responseReceived()));
	}

	/**
	 * A provider's last call.
	 * @param provider the provider id
	 * @return the call, or {@code null} when none was made yet
	 */
	public @Nullable LastCall last(String provider) {
		return this.last.get(provider);
	}

	/**
	 * Every provider's last call.
	 * @return a snapshot
	 */
	public Map<String, LastCall> all() {
		return Map.copyOf(this.last);
	}

	/**
	 * One call's outcome (never its URL or a credential).
	 *
	 * @param at when it ended
	 * @param outcome {@code SUCCESS}, {@code CLIENT_ERROR}, {@code SERVER_ERROR}, {@code NO_RESPONSE}, …
	 * @param status the HTTP status, when a response came
	 * @param errorKind the error's kind, when it failed
	 * @param responseReceived whether the cloud answered at all
	 */
	public record LastCall(Instant at, String outcome, @Nullable Integer status, @Nullable ErrorKind errorKind,
			boolean responseReceived) {

		/**
		 * Whether the cloud refused the credentials.
		 * @return {@code true} for a 401 or 403
		 */
		public boolean credentialsRefused() {
			return this.errorKind == ErrorKind.UNAUTHORIZED || this.errorKind == ErrorKind.FORBIDDEN;
		}

	}

}
