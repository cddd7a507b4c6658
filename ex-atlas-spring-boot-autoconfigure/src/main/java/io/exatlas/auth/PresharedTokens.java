package io.exatlas.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

import io.exatlas.Secret;

/**
 * Preshared bearer tokens for a spawned resource's HTTP ports, compatible with the reference library: 32 random
 * bytes, URL-safe base64 without padding (43 characters); the library keeps only the lower-case hex SHA-256 of the
 * token's text. The resource compares {@code Authorization: Bearer <token>} with its {@code ATLAS_PRESHARED_KEY}
 * environment variable in constant time.
 */
public final class PresharedTokens {

	private static final SecureRandom RANDOM = new SecureRandom();

	private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

	private PresharedTokens() {
	}

	/**
	 * Mint a new token.
	 * @return the token and its hash
	 */
	public static MintedToken mint() {
		String token = randomUrlSafe();
		return new MintedToken(Secret.of(token), hash(token));
	}

	/**
	 * A new 256-bit secret in the same encoding, e.g. for signing URLs.
	 * @return the secret
	 */
	public static Secret newSecret() {
		return Secret.of(randomUrlSafe());
	}

	/**
	 * The lower-case hex SHA-256 of a token's UTF-8 text.
	 * @param token the token
	 * @return 64 hex characters
	 */
	public static String hash(String token) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is not available", ex);
		}
	}

	/**
	 * Whether a presented token matches a stored hash, compared in constant time.
	 * @param candidate the presented token
	 * @param expectedHash the stored lower-case hex hash
	 * @return whether they match (an upper-case or malformed hash never matches)
	 */
	public static boolean matches(String candidate, String expectedHash) {
		byte[] actual = hash(candidate).getBytes(StandardCharsets.US_ASCII);
		byte[] expected = expectedHash.getBytes(StandardCharsets.US_ASCII);
		return MessageDigest.isEqual(actual, expected);
	}

	private static String randomUrlSafe() {
		byte[] bytes = new byte[32];
		RANDOM.nextBytes(bytes);
		return ENCODER.encodeToString(bytes);
	}

	/**
	 * A freshly minted token.
	 *
	 * @param token the raw token (hand it out once)
	 * @param hash its lower-case hex SHA-256, the only form to keep
	 */
	public record MintedToken(Secret token, String hash) {

		/**
		 * The value of an {@code Authorization} header carrying the token.
		 * @return {@code Bearer <token>}
		 */
		public String authorizationHeaderValue() {
			return "Bearer " + this.token.reveal();
		}

	}

}
