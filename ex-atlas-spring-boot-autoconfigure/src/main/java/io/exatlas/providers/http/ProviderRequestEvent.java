package io.exatlas.providers.http;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

import io.exatlas.ErrorKind;
import io.exatlas.event.ExAtlasEvent;
import org.jspecify.annotations.Nullable;

/**
 * Published after every HTTP attempt a provider makes, successful or not, including each retry: the Spring form of
 * the reference's {@code [:ex_atlas, <provider>, :request]} event. The URL is the full request URL with every
 * credential redacted; when no response came back {@link #status()} is empty and {@link #responseReceived()} is
 * {@code false}.
 */
public final class ProviderRequestEvent extends ExAtlasEvent {

	private static final long serialVersionUID = 1L;

	private final String provider;

	private final ProviderApi api;

	private final String method;

	private final String url;

	private final @Nullable Integer status;

	private final Duration duration;

	private final int attempt;

	private final @Nullable ErrorKind errorKind;

	/**
	 * Create the event.
	 * @param source the publishing component
	 * @param clock the clock
	 * @param provider the provider id
	 * @param api the API called
	 * @param method the HTTP method, upper case
	 * @param url the redacted request URL
	 * @param status the HTTP status, or {@code null} when no response came back
	 * @param duration how long the attempt took
	 * @param attempt 1 for the first attempt, 2 for the first retry, …
	 * @param errorKind how the attempt failed, or {@code null} when it succeeded
	 */
	public ProviderRequestEvent(Object source, Clock clock, String provider, ProviderApi api, String method,
			String url, @Nullable Integer status, Duration duration, int attempt, @Nullable ErrorKind errorKind) {
		super(source, clock);
		this.provider = Objects.requireNonNull(provider, "provider");
		this.api = Objects.requireNonNull(api, "api");
		this.method = Objects.requireNonNull(method, "method");
		this.url = Objects.requireNonNull(url, "url");
		this.status = status;
		this.duration = Objects.requireNonNull(duration, "duration");
		this.attempt = attempt;
		this.errorKind = errorKind;
		if (status == null && errorKind == null) {
			throw new IllegalArgumentException("an attempt without a response did not succeed: give its error kind");
		}
		if (status != null && errorKind == null && (status < 200 || status >= 300)) {
			throw new IllegalArgumentException("an attempt answered " + status + " did not succeed: give its error kind");
		}
	}

	/**
	 * The provider id.
	 * @return the provider
	 */
	public String provider() {
		return this.provider;
	}

	/**
	 * The API called.
	 * @return the API
	 */
	public ProviderApi api() {
		return this.api;
	}

	/**
	 * The HTTP method, upper case ({@code GET}, {@code POST}, …).
	 * @return the method
	 */
	public String method() {
		return this.method;
	}

	/**
	 * The full request URL with credentials redacted (high cardinality: never use it as a metric tag).
	 * @return the URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * The HTTP status of the response.
	 * @return the status, empty when no response came back
	 */
	public OptionalInt status() {
		return (this.status != null) ? OptionalInt.of(this.status) : OptionalInt.empty();
	}

	/**
	 * Whether a response came back (a {@code false} marks a transport failure or a timeout).
	 * @return whether there was a response
	 */
	public boolean responseReceived() {
		return this.status != null;
	}

	/**
	 * How the attempt ended, as a low-cardinality tag that always agrees with {@link #errorKind()}: {@code SUCCESS}
	 * exactly when there is no error kind. A failed response is classed by its status ({@code CLIENT_ERROR},
	 * {@code SERVER_ERROR}, {@code REDIRECTION}, {@code INFORMATIONAL}); a success status whose body could not be
	 * used is {@code INVALID_RESPONSE}; no response is {@code NO_RESPONSE}; an attempt its caller gave up on is
	 * {@code CANCELLED}.
	 * @return the outcome
	 */
	public String outcome() {
		if (this.errorKind == null) {
			return "SUCCESS";
		}
		if (this.errorKind == ErrorKind.CANCELLED) {
			return "CANCELLED";
		}
		if (this.status == null) {
			return "NO_RESPONSE";
		}
		return switch (this.status / 100) {
			case 1 -> "INFORMATIONAL";
			case 2 -> "INVALID_RESPONSE";
			case 3 -> "REDIRECTION";
			case 4 -> "CLIENT_ERROR";
			default -> "SERVER_ERROR";
		};
	}

	/**
	 * Whether the attempt succeeded.
	 * @return {@code true} exactly when {@link #errorKind()} is {@code null}
	 */
	public boolean succeeded() {
		return this.errorKind == null;
	}

	/**
	 * How long the attempt took.
	 * @return the duration
	 */
	public Duration duration() {
		return this.duration;
	}

	/**
	 * Which attempt this was: 1 for the first, 2 for the first retry, …
	 * @return the attempt number
	 */
	public int attempt() {
		return this.attempt;
	}

	/**
	 * How the attempt failed ({@link ErrorKind#CANCELLED} when its caller gave up on it).
	 * @return the error kind, or {@code null} exactly when it succeeded
	 */
	public @Nullable ErrorKind errorKind() {
		return this.errorKind;
	}

	@Override
	public String toString() {
		return "ProviderRequestEvent[provider=" + this.provider + ", api=" + this.api + ", method=" + this.method
				+ ", url=" + this.url + ", status=" + ((this.status != null) ? this.status : "no response")
				+ ", duration=" + this.duration + ", attempt=" + this.attempt + ", errorKind=" + this.errorKind + "]";
	}

}
