package io.exatlas.auth;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import org.jspecify.annotations.Nullable;

/**
 * Signed URLs, byte-compatible with the reference library: a URL signed here verifies there and the other way round.
 * <p>
 * The signed data is {@code <path or "/">?<query>}, where the query is every parameter of the URL plus {@code exp}
 * (expiry, unix seconds), sorted by name byte-wise and form-encoded (unreserved {@code A-Z a-z 0-9 - . _ ~} kept,
 * space as {@code +}, everything else {@code %XX} in upper case); a duplicated parameter keeps its last value. The
 * signature is HMAC-SHA256 of that string with the secret, URL-safe base64 without padding, added as {@code sig}.
 * The path is signed as it appears (still percent-encoded); scheme, host, port and fragment are not signed.
 * Unlike the reference, a stale {@code sig} in the URL to sign is dropped first (the reference signs it in, which
 * yields a URL that never verifies).
 */
public final class SignedUrls {

	/** The default lifetime of a signed URL. */
	public static final Duration DEFAULT_EXPIRY = Duration.ofHours(1);

	private static final int MAX_URL_LENGTH = 8192;

	private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();

	private SignedUrls() {
	}

	/**
	 * Sign a URL for one hour from now.
	 * @param url a full URL or {@code path?query}
	 * @param secret the signing secret
	 * @return the URL with {@code exp} and {@code sig}
	 */
	public static String sign(String url, Secret secret) {
		return sign(url, secret, DEFAULT_EXPIRY, Instant.now());
	}

	/**
	 * Sign a URL.
	 * @param url a full URL or {@code path?query}
	 * @param secret the signing secret
	 * @param expiresIn how long the URL stays valid
	 * @param now the signing time
	 * @return the URL with its parameters sorted and {@code exp} and {@code sig} added
	 * @throws ExAtlasException of kind {@code VALIDATION} when the URL cannot be parsed
	 */
	public static String sign(String url, Secret secret, Duration expiresIn, Instant now) {
		if (expiresIn.isNegative() || expiresIn.isZero()) {
			throw ExAtlasException.validation("a signed URL's lifetime must be positive, was " + expiresIn);
		}
		long expiry;
		try {
			expiry = Math.addExact(now.getEpochSecond(), expiresIn.getSeconds());
		}
		catch (ArithmeticException ex) {
			throw ExAtlasException.validation("a signed URL's lifetime of " + expiresIn + " overflows its expiry");
		}
		// Signing keeps the reference's reading of a repeated parameter (the last value wins): the signed URL then
		// carries it once. Verifying refuses repeated names instead.
		ParsedUrl parsed = ParsedUrl.parse(url, false);
		if (parsed == null) {
			throw ExAtlasException.validation("cannot sign a malformed URL (unparseable or longer than "
					+ MAX_URL_LENGTH + " characters)");
		}
		Map<String, String> params = new LinkedHashMap<>(parsed.params());
		params.remove("sig");
		params.put("exp", Long.toString(expiry));
		String signature = signature(parsed.canonicalPath(), params, secret);
		params.put("sig", signature);
		String signed = parsed.withQuery(encode(params));
		if (signed.length() > MAX_URL_LENGTH) {
			// verify() refuses URLs over the limit: never hand out one that its own check calls malformed
			throw ExAtlasException.validation("the signed URL would be longer than " + MAX_URL_LENGTH + " characters");
		}
		return signed;
	}

	/**
	 * Verify a signed URL now.
	 * @param url a full URL or {@code path?query}
	 * @param secret the signing secret
	 * @return the verdict
	 */
	public static Verification verify(String url, Secret secret) {
		return verify(url, secret, Instant.now());
	}

	/**
	 * Verify a signed URL. A URL whose {@code exp} equals {@code now} is still valid; expiry is checked before the
	 * signature, so a forged but expired URL reports {@link Verification#EXPIRED}.
	 * @param url a full URL or {@code path?query}
	 * @param secret the signing secret
	 * @param now the verification time
	 * @return {@code OK}, {@code EXPIRED}, {@code BAD_SIGNATURE} or {@code MALFORMED}
	 */
	public static Verification verify(String url, Secret secret, Instant now) {
		ParsedUrl parsed = ParsedUrl.parse(url, true);
		if (parsed == null || (parsed.path().isEmpty() && parsed.host() == null && parsed.params().isEmpty())) {
			return Verification.MALFORMED;
		}
		Map<String, String> params = new LinkedHashMap<>(parsed.params());
		String exp = params.remove("exp");
		String sig = params.remove("sig");
		if (exp == null || exp.isEmpty() || sig == null || sig.isEmpty()) {
			return Verification.MALFORMED;
		}
		long expiry;
		try {
			expiry = Long.parseLong(exp);
		}
		catch (NumberFormatException ex) {
			return Verification.MALFORMED;
		}
		if (expiry < now.getEpochSecond()) {
			return Verification.EXPIRED;
		}
		params.put("exp", Long.toString(expiry));
		byte[] expected = signature(parsed.canonicalPath(), params, secret).getBytes(StandardCharsets.US_ASCII);
		byte[] actual = sig.getBytes(StandardCharsets.UTF_8);
		return MessageDigest.isEqual(expected, actual) ? Verification.OK : Verification.BAD_SIGNATURE;
	}

	/**
	 * The string that is signed for a URL (for cross-checking another implementation).
	 * @param path the path as it appears in the URL ({@code "/"} when empty)
	 * @param params the parameters, {@code exp} included, {@code sig} excluded
	 * @return the canonical string
	 */
	static String canonical(String path, Map<String, String> params) {
		return path + "?" + encode(params);
	}

	private static String signature(String path, Map<String, String> params, Secret secret) {
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(new SecretKeySpec(secret.reveal().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
			return BASE64.encodeToString(mac.doFinal(canonical(path, params).getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException | InvalidKeyException ex) {
			throw new IllegalStateException("HMAC-SHA256 is not available", ex);
		}
	}

	private static String encode(Map<String, String> params) {
		List<Map.Entry<String, String>> entries = new ArrayList<>(params.entrySet());
		entries.sort(Comparator.comparing((Map.Entry<String, String> entry) -> entry.getKey().getBytes(StandardCharsets.UTF_8),
				java.util.Arrays::compareUnsigned));
		StringBuilder query = new StringBuilder();
		for (Map.Entry<String, String> entry : entries) {
			if (query.length() > 0) {
				query.append('&');
			}
			query.append(formEncode(entry.getKey())).append('=').append(formEncode(entry.getValue()));
		}
		return query.toString();
	}

	private static String formEncode(String text) {
		StringBuilder encoded = new StringBuilder();
		for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
			int c = b & 0xFF;
			if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.'
					|| c == '_' || c == '~') {
				encoded.append((char) c);
			}
			else if (c == ' ') {
				encoded.append('+');
			}
			else {
				encoded.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
					.append(Character.toUpperCase(Character.forDigit(c & 0xF, 16)));
			}
		}
		return encoded.toString();
	}

	private static @Nullable String formDecode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '+') {
				bytes.write(' ');
			}
			else if (c == '%') {
				if (i + 2 >= text.length()) {
					return null;
				}
				int high = Character.digit(text.charAt(i + 1), 16);
				int low = Character.digit(text.charAt(i + 2), 16);
				if (high < 0 || low < 0) {
					return null;
				}
				bytes.write((high << 4) | low);
				i += 2;
			}
			else {
				byte[] raw = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
					raw = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.write(raw, 0, raw.length);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	/**
	 * The verdict on a signed URL.
	 */
	public enum Verification {

		/** The signature matches and the URL has not expired. */
		OK,

		/** {@code exp} is in the past. */
		EXPIRED,

		/** The signature does not match (tampered URL or another secret). */
		BAD_SIGNATURE,

		/** Not a signed URL: unparseable, or {@code exp} / {@code sig} missing or malformed. */
		MALFORMED

	}

	/**
	 * A URL split the way the reference does it.
	 */
	private record ParsedUrl(@Nullable String scheme, @Nullable String host, int port, @Nullable String userInfo,
			String path, @Nullable String fragment, Map<String, String> params) {

		static @Nullable ParsedUrl parse(String url, boolean refuseRepeatedNames) {
			if (url == null || url.length() > MAX_URL_LENGTH) {
				return null;
			}
			URI uri = uri(url);
			if (uri == null) {
				return null;
			}
			if (uri.isOpaque()) {
				return null;
			}
			Map<String, String> params = new LinkedHashMap<>();
			String query = uri.getRawQuery();
			if (query != null && !query.isEmpty()) {
				for (String pair : query.split("&", -1)) {
					int equals = pair.indexOf('=');
					String key = formDecode((equals >= 0) ? pair.substring(0, equals) : pair);
					String value = formDecode((equals >= 0) ? pair.substring(equals + 1) : "");
					// A repeated name is malformed: servlet containers, Flask and Go read the first value while the
					// signature covers the last, so user=1 could ride on a URL signed for user=7.
					if (key == null || value == null || (params.put(key, value) != null && refuseRepeatedNames)) {
						return null;
					}
				}
			}
			String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(java.util.Locale.ROOT) : null;
			// A host with '_' is not a server-based authority for java.net.URI (its host is null): keep it as written,
			// as the reference does, instead of dropping it from the signed URL.
			if (uri.getHost() == null && uri.getRawAuthority() != null) {
				return new ParsedUrl(scheme, uri.getRawAuthority(), -1, null,
						(uri.getRawPath() != null) ? uri.getRawPath() : "", uri.getRawFragment(), params);
			}
			return new ParsedUrl(scheme, uri.getHost(), uri.getPort(), uri.getRawUserInfo(),
					(uri.getRawPath() != null) ? uri.getRawPath() : "", uri.getRawFragment(), params);
		}

		/**
		 * Parse leniently where the reference does and it is safe: an unencoded space in the query (the part that is
		 * decoded and re-encoded canonically anyway) is read as {@code %20}; anything else unparseable is malformed.
		 */
		private static @Nullable URI uri(String url) {
			try {
				return new URI(url);
			}
			catch (URISyntaxException ex) {
				int question = url.indexOf('?');
				if (question < 0 || url.lastIndexOf(' ', question) >= 0 || url.indexOf(' ', question) < 0) {
					return null;
				}
				try {
					return new URI(url.substring(0, question) + url.substring(question).replace(" ", "%20"));
				}
				catch (URISyntaxException stillMalformed) {
					return null;
				}
			}
		}

		String canonicalPath() {
			return this.path.isEmpty() ? "/" : this.path;
		}

		String withQuery(String query) {
			StringBuilder url = new StringBuilder();
			if (this.scheme != null) {
				url.append(this.scheme).append(':');
			}
			if (this.host != null) {
				url.append("//");
				if (this.userInfo != null) {
					url.append(this.userInfo).append('@');
				}
				url.append(this.host);
				if (this.port != -1 && !isDefaultPort()) {
					url.append(':').append(this.port);
				}
			}
			url.append(this.path).append('?').append(query);
			if (this.fragment != null) {
				url.append('#').append(this.fragment);
			}
			return url.toString();
		}

		private boolean isDefaultPort() {
			return ("https".equals(this.scheme) && this.port == 443) || ("http".equals(this.scheme) && this.port == 80);
		}

	}

}
