package io.exatlas.providers.runpod.internal;

import java.util.Locale;

import io.exatlas.ErrorReason;
import io.exatlas.providers.http.ErrorDecoder;
import org.jspecify.annotations.Nullable;

/**
 * RunPod's errors that carry a provider-independent reason. RunPod documents no code for "no capacity"; its answers
 * say so in words ("There are no longer any instances available with the requested specifications", on GraphQL and
 * REST alike), so the reason is read from the message.
 */
public final class RunPodErrors {

	/** REST error bodies (RFC 9457 problems), with a no-capacity answer as {@link ErrorReason#INSUFFICIENT_CAPACITY}. */
	public static final ErrorDecoder ERROR_DECODER = (status, body, text) -> {
		var decoded = ErrorDecoder.standard().decode(status, body, text);
		return isCapacityMessage(decoded.message()) ? decoded.withReason(ErrorReason.INSUFFICIENT_CAPACITY) : decoded;
	};

	private RunPodErrors() {
	}

	/**
	 * Whether RunPod's message says that it has no capacity for the request.
	 * @param message the message
	 * @return whether it does
	 */
	public static boolean isCapacityMessage(@Nullable String message) {
		if (message == null) {
			return false;
		}
		String text = message.toLowerCase(Locale.ROOT);
		return text.contains("no longer any instances available") || text.contains("no instances available")
				|| text.contains("not enough free gpus");
	}

}
