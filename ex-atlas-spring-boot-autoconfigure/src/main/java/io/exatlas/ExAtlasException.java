package io.exatlas;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * The one exception type the library throws or signals. It carries a stable {@link ErrorKind}, the provider
 * involved, the HTTP status when there was one and the provider's own error code when it sent one.
 * <p>
 * The message never contains a credential: messages extracted from provider responses are scrubbed of the
 * credential used for the request, and URLs are redacted before they are put into a message.
 * Example message: {@code [runpod] unauthorized (HTTP 401): bad key}.
 */
public class ExAtlasException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final ErrorKind kind;

	private final @Nullable String provider;

	private final @Nullable Integer status;

	private final @Nullable String code;

	private final @Nullable String detail;

	private final @Nullable ErrorReason reason;

	private final @Nullable Duration retryAfter;

	/**
	 * Create the exception from a builder; for subclasses that carry more than the message (such as a command's
	 * output that must stay out of logs).
	 * @param builder the builder
	 */
	protected ExAtlasException(Builder builder) {
		super(format(builder), builder.cause);
		this.kind = builder.kind;
		this.provider = builder.provider;
		this.status = builder.status;
		this.code = builder.code;
		this.detail = builder.detail;
		this.reason = builder.reason;
		this.retryAfter = builder.retryAfter;
	}

	/**
	 * Start building an exception of the given kind.
	 * @param kind the kind
	 * @return a builder
	 */
	public static Builder builder(ErrorKind kind) {
		return new Builder(kind);
	}

	/**
	 * A {@link ErrorKind#VALIDATION} error raised before anything was sent to a cloud.
	 * @param message what is wrong with the input
	 * @return the exception
	 */
	public static ExAtlasException validation(String message) {
		return builder(ErrorKind.VALIDATION).message(message).build();
	}

	/**
	 * A {@link ErrorKind#VALIDATION} error about a provider's input.
	 * @param provider the provider id
	 * @param message what is wrong with the input
	 * @return the exception
	 */
	public static ExAtlasException validation(String provider, String message) {
		return builder(ErrorKind.VALIDATION).provider(provider).message(message).build();
	}

	/**
	 * A {@link ErrorKind#UNSUPPORTED} error for an operation the provider does not offer.
	 * @param provider the provider id
	 * @param operation the operation that was attempted
	 * @return the exception
	 */
	public static ExAtlasException unsupported(String provider, String operation) {
		return builder(ErrorKind.UNSUPPORTED).provider(provider)
			.message("provider '" + provider + "' does not support " + operation)
			.build();
	}

	/**
	 * A {@link ErrorKind#NOT_FOUND} error.
	 * @param provider the provider id
	 * @param message what was not found
	 * @return the exception
	 */
	public static ExAtlasException notFound(String provider, String message) {
		return builder(ErrorKind.NOT_FOUND).provider(provider).message(message).build();
	}

	/**
	 * The stable kind of this failure.
	 * @return the kind
	 */
	public ErrorKind kind() {
		return this.kind;
	}

	/**
	 * The provider involved, if any.
	 * @return the provider id
	 */
	public Optional<String> provider() {
		return Optional.ofNullable(this.provider);
	}

	/**
	 * The HTTP status of the provider's response, when a response came back.
	 * @return the status
	 */
	public OptionalInt status() {
		return (this.status != null) ? OptionalInt.of(this.status) : OptionalInt.empty();
	}

	/**
	 * The provider's own machine-readable error code, when it sent one (e.g. Lambda's
	 * {@code instance-operations/launch/insufficient-capacity}).
	 * @return the code
	 */
	public Optional<String> code() {
		return Optional.ofNullable(this.code);
	}

	/**
	 * The message without the {@code [provider] kind (HTTP n):} prefix.
	 * @return the detail, if any
	 */
	public Optional<String> detail() {
		return Optional.ofNullable(this.detail);
	}

	/**
	 * A finer, provider-independent reason within the kind, for failures callers commonly act on (for example
	 * {@link ErrorReason#INSUFFICIENT_CAPACITY}: try another region or provider).
	 * @return the reason, if one applies
	 */
	public Optional<ErrorReason> reason() {
		return Optional.ofNullable(this.reason);
	}

	/**
	 * How long the provider asked callers to wait before trying again ({@code Retry-After}), when it said so.
	 * @return the wait
	 */
	public Optional<Duration> retryAfter() {
		return Optional.ofNullable(this.retryAfter);
	}

	/**
	 * Whether a later identical call may succeed: rate limits, timeouts, transport failures and 5xx answers.
	 * @return whether the failure is transient
	 */
	public boolean isTransient() {
		return switch (this.kind) {
			case RATE_LIMITED, TIMEOUT, TRANSPORT -> true;
			case PROVIDER -> this.status != null && this.status >= 500;
			default -> false;
		};
	}

	private static String format(Builder builder) {
		StringBuilder text = new StringBuilder();
		text.append('[').append((builder.provider != null) ? builder.provider : "exatlas").append("] ");
		text.append(builder.kind.name().toLowerCase(Locale.ROOT));
		if (builder.status != null) {
			text.append(" (HTTP ").append(builder.status).append(')');
		}
		text.append(": ").append((builder.detail != null) ? builder.detail : "no message");
		return text.toString();
	}

	/**
	 * Builds an {@link ExAtlasException}.
	 */
	public static final class Builder {

		private final ErrorKind kind;

		private @Nullable String provider;

		private @Nullable Integer status;

		private @Nullable String code;

		private @Nullable String detail;

		private @Nullable ErrorReason reason;

		private @Nullable Throwable cause;

		private @Nullable Duration retryAfter;

		private Builder(ErrorKind kind) {
			this.kind = kind;
		}

		/**
		 * Set the provider id.
		 * @param provider the provider id
		 * @return this builder
		 */
		public Builder provider(@Nullable String provider) {
			this.provider = provider;
			return this;
		}

		/**
		 * Set the HTTP status.
		 * @param status the status
		 * @return this builder
		 */
		public Builder status(@Nullable Integer status) {
			this.status = status;
			return this;
		}

		/**
		 * Set the provider's error code.
		 * @param code the code
		 * @return this builder
		 */
		public Builder code(@Nullable String code) {
			this.code = code;
			return this;
		}

		/**
		 * Set the message. It must not contain a credential.
		 * @param message the message
		 * @return this builder
		 */
		public Builder message(@Nullable String message) {
			this.detail = message;
			return this;
		}

		/**
		 * Set the provider-independent reason.
		 * @param reason the reason
		 * @return this builder
		 */
		public Builder reason(@Nullable ErrorReason reason) {
			this.reason = reason;
			return this;
		}

		/**
		 * Set the provider's {@code Retry-After} hint.
		 * @param retryAfter the wait
		 * @return this builder
		 */
		public Builder retryAfter(@Nullable Duration retryAfter) {
			this.retryAfter = retryAfter;
			return this;
		}

		/**
		 * Set the underlying cause.
		 * @param cause the cause
		 * @return this builder
		 */
		public Builder cause(@Nullable Throwable cause) {
			this.cause = cause;
			return this;
		}

		/**
		 * Build the exception.
		 * @return the exception
		 */
		public ExAtlasException build() {
			return new ExAtlasException(this);
		}

	}

}
