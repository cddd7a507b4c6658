package io.exatlas.fly;

import java.util.Locale;
import java.util.Map;

import io.exatlas.Secret;
import io.exatlas.providers.http.RequestAuthentication;

import org.springframework.http.HttpHeaders;

/**
 * How a Fly token goes on a request, as flyctl and fly-go do it: strip any scheme the token came with, then send
 * {@code FlyV1 <token>} when any comma-separated part is a macaroon ({@code fm1r_}, {@code fm1a_}, {@code fm2_}),
 * else {@code Bearer <token>}. {@code fly tokens create} prints tokens with their {@code FlyV1} scheme; flyctl's
 * {@code config.yml} stores them without one.
 */
public final class FlyAuthorization {

	private FlyAuthorization() {
	}

	/**
	 * The {@code Authorization} header value for a token.
	 * @param token the token, with or without a scheme
	 * @return {@code FlyV1 …} or {@code Bearer …}
	 */
	public static String headerValue(String token) {
		String bare = token.strip();
		String lower = bare.toLowerCase(Locale.ROOT);
		if (lower.startsWith("flyv1 ")) {
			bare = bare.substring(6).strip();
		}
		else if (lower.startsWith("bearer ")) {
			bare = bare.substring(7).strip();
		}
		for (String part : bare.split(",")) {
			String trimmed = part.strip();
			if (trimmed.startsWith("fm1r_") || trimmed.startsWith("fm1a_") || trimmed.startsWith("fm2_")) {
				return "FlyV1 " + bare;
			}
		}
		return "Bearer " + bare;
	}

	/**
	 * The request authentication for Fly APIs.
	 * @return the scheme
	 */
	public static RequestAuthentication requestAuthentication() {
		return (Secret credential, HttpHeaders headers, Map<String, Object> query) -> headers
			.set(HttpHeaders.AUTHORIZATION, headerValue(credential.reveal()));
	}

}
