package io.exatlas.providers.http;

import java.util.Objects;

import io.exatlas.ErrorKind;
import io.exatlas.ErrorReason;
import org.jspecify.annotations.Nullable;

/**
 * What an {@link ErrorDecoder} read from an error response.
 *
 * @param kind the error kind
 * @param message the provider's message, if any (the plumbing scrubs credentials from it)
 * @param code the provider's machine-readable code, if any
 * @param reason a provider-independent reason, if one applies
 */
public record DecodedError(ErrorKind kind, @Nullable String message, @Nullable String code,
		@Nullable ErrorReason reason) {

	/**
	 * Validates the decoded error.
	 * @param kind kind
	 * @param message message
	 * @param code code
	 * @param reason reason
	 */
	public DecodedError {
		Objects.requireNonNull(kind, "kind");
	}

	/**
	 * The same error with a reason.
	 * @param reason the reason
	 * @return the error
	 */
	public DecodedError withReason(@Nullable ErrorReason reason) {
		return new DecodedError(this.kind, this.message, this.code, reason);
	}

}
