package io.exatlas.auth;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.Secret;
import io.exatlas.auth.SignedUrls.Verification;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class SignedUrlsTests {

	private static final Secret SECRET = Secret.of("test-secret-test-secret-test-secret");

	private static final Instant NOW = Instant.ofEpochSecond(1_700_000_000);

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = {
			"https://x.test/stream/42|test-secret-test-secret-test-secret|60|1700000000|https://x.test/stream/42?exp=1700000060&sig=J0o5oNJZNliKEnPDiN013T-XRzCAspGFqqQs_5Y94no",
			"https://x.test/a?user=42|test-secret-test-secret-test-secret|60|1700000000|https://x.test/a?exp=1700000060&sig=h1KtXzVNAt9bkj372LWplkkEvRlT8h3eO22E2so5R7M&user=42",
			"https://x.test|k|3600|1700000000|https://x.test?exp=1700003600&sig=HdIZKj4DHZBkJuwnkh_lYHIPkX5HKfBLv4mgK-nJULQ",
			"/stream?x=1|k|5|0|/stream?exp=5&sig=qitiTv__ibU4YoBVN9-AjbC14VkIbO3JiCZWiSDIpto&x=1" })
	void theReferenceVectorsAreReproducedByteForByte(String url, String secret, long expiresIn, long now,
			String signed) {
		assertThat(SignedUrls.sign(url, Secret.of(secret), Duration.ofSeconds(expiresIn), Instant.ofEpochSecond(now)))
			.isEqualTo(signed);
		assertThat(SignedUrls.verify(signed, Secret.of(secret), Instant.ofEpochSecond(now))).isEqualTo(Verification.OK);
	}

	@Test
	void theCanonicalFormSortsDecodesAndReencodes() {
		String signed = SignedUrls.sign("https://x.test/p?b=2&a=1&a=3&z=x+y&e=%2F", SECRET, Duration.ofSeconds(60), NOW);
		assertThat(signed).startsWith("https://x.test/p?a=3&b=2&e=%2F&exp=1700000060&sig=").endsWith("&z=x+y");
		assertThat(SignedUrls.canonical("/p", new java.util.TreeMap<>(java.util.Map.of("a", "3", "b", "2", "e", "/",
				"exp", "1700000060", "z", "x y"))))
			.isEqualTo("/p?a=3&b=2&e=%2F&exp=1700000060&z=x+y");
	}

	@Test
	void expiryIsInclusiveAndCheckedBeforeTheSignature() {
		String signed = SignedUrls.sign("https://x.test/a", SECRET, Duration.ofSeconds(10), NOW);
		assertThat(SignedUrls.verify(signed, SECRET, NOW.plusSeconds(10))).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(signed, SECRET, NOW.plusSeconds(11))).isEqualTo(Verification.EXPIRED);
		String forgedAndExpired = signed.replaceAll("sig=[^&]+", "sig=forged");
		assertThat(SignedUrls.verify(forgedAndExpired, SECRET, NOW.plusSeconds(11))).isEqualTo(Verification.EXPIRED);
	}

	@Test
	void tamperingWithAnyPartIsABadSignature() {
		String signed = SignedUrls.sign("https://x.test/files/report.pdf?user=42&mode=read", SECRET,
				Duration.ofSeconds(600), NOW);
		Instant later = NOW.plusSeconds(1);
		assertThat(SignedUrls.verify(signed, SECRET, later)).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(signed.replace("/files/report.pdf", "/files/other.pdf"), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed.replace("user=42", "user=43"), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed.replace("mode=read", "mode=write"), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed + "&admin=true", SECRET, later)).isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed.replace("&user=42", ""), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed.replace("exp=1700000600", "exp=1800000600"), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		String sig = signed.replaceAll(".*sig=([^&]+).*", "$1");
		assertThat(SignedUrls.verify(signed.replace(sig, sig.substring(1) + "A"), SECRET, later))
			.isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed, Secret.of("another-secret"), later)).isEqualTo(Verification.BAD_SIGNATURE);
		assertThat(SignedUrls.verify(signed.replace("https://x.test", "https://evil.test"), SECRET, later))
			.as("the host is not signed, as in the reference").isEqualTo(Verification.OK);
	}

	@Test
	void expWithLeadingZerosOrASignIsTheSameInteger() {
		String signed = SignedUrls.sign("/a", SECRET, Duration.ofSeconds(60), NOW);
		assertThat(SignedUrls.verify(signed.replace("exp=1700000060", "exp=0001700000060"), SECRET, NOW))
			.isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(signed.replace("exp=1700000060", "exp=%2B1700000060"), SECRET, NOW))
			.isEqualTo(Verification.OK);
	}

	@ParameterizedTest
	@ValueSource(strings = { "", "https://x.test", "https://x.test/a?sig=abc", "https://x.test/a?exp=1700000060",
			"https://x.test/a?exp=&sig=abc", "https://x.test/a?exp=12x&sig=abc", "https://x.test/a?exp=99999999999999999999&sig=abc",
			"https://x.test/a?exp=1700000060&sig=", "https://x.test/a b?exp=1&sig=x", "https://x.test/a?exp=%ZZ&sig=x",
			"https://x.test/a?exp=1700000060&sig=%", "mailto:someone@example.test", "http://[::1" })
	void malformedUrlsAreRejectedWithoutExceptions(String url) {
		assertThat(SignedUrls.verify(url, SECRET, NOW)).isEqualTo(Verification.MALFORMED);
	}

	@Test
	void hostileInputsNeverThrow() {
		assertThat(SignedUrls.verify("https://x.test/" + "a".repeat(100_000) + "?exp=1&sig=x", SECRET, NOW))
			.isEqualTo(Verification.MALFORMED);
		String unicode = SignedUrls.sign("https://x.test/caf%C3%A9?name=%E6%97%A5%E6%9C%AC&emoji=%F0%9F%98%80", SECRET,
				Duration.ofSeconds(60), NOW);
		assertThat(SignedUrls.verify(unicode, SECRET, NOW)).isEqualTo(Verification.OK);
		String duplicated = SignedUrls.sign("https://x.test/a", SECRET, Duration.ofSeconds(60), NOW) + "&exp=1800000000";
		assertThat(SignedUrls.verify(duplicated, SECRET, NOW)).isEqualTo(Verification.MALFORMED);
		String twoSigs = SignedUrls.sign("https://x.test/a", SECRET, Duration.ofSeconds(60), NOW) + "&sig=other";
		assertThat(SignedUrls.verify(twoSigs, SECRET, NOW)).isEqualTo(Verification.MALFORMED);
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> SignedUrls.sign("https://x.test/a b", SECRET, Duration.ofSeconds(1), NOW))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
	}

	@Test
	void aParameterRepeatedBeforeTheSignedOneIsMalformedNotOk() throws Exception {
		String signedForSeven = SignedUrls.sign("https://pod.test/files?user=7", SECRET, Duration.ofSeconds(60), NOW);
		String smuggled = signedForSeven.replace("?", "?user=1&");
		assertThat(SignedUrls.verify(signedForSeven, SECRET, NOW)).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(smuggled, SECRET, NOW)).isEqualTo(Verification.MALFORMED);
		assertThat(SignedUrls.verify(signedForSeven + "&user=1", SECRET, NOW)).isEqualTo(Verification.MALFORMED);
		String signedFromRepeated = SignedUrls.sign("https://pod.test/files?user=1&user=7", SECRET,
				Duration.ofSeconds(60), NOW);
		assertThat(signedFromRepeated).as("signing keeps the reference's last value, once").isEqualTo(signedForSeven);
		Path verifier = Path.of("..", "docs", "pod_auth.py");
		Assumptions.assumeTrue(Files.exists(verifier) && hasPython(), "python3 and docs/pod_auth.py");
		assertThat(python(verifier, smuggled, SECRET.reveal(), NOW.getEpochSecond())).isEqualTo("malformed");
		assertThat(python(verifier, signedForSeven.replaceAll("sig=[^&]+", "sig=%C3%A9%C3%A9"), SECRET.reveal(),
				NOW.getEpochSecond()))
			.as("a non-ASCII signature is a bad signature, not a crash")
			.isEqualTo("bad_signature");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, -3600, Long.MAX_VALUE, Long.MAX_VALUE - 1_700_000_000L + 1 })
	void lifetimesThatAreNotPositiveOrOverflowTheExpiryAreValidationErrors(long seconds) {
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> SignedUrls.sign("https://x.test/a", SECRET, Duration.ofSeconds(seconds), NOW))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
	}

	@Test
	void whatTheReferenceSignsSignsTheSameHere() {
		String spaced = SignedUrls.sign("https://x.test/a?q=a b&user=7", SECRET, Duration.ofSeconds(60), NOW);
		assertThat(spaced).isEqualTo(SignedUrls.sign("https://x.test/a?q=a+b&user=7", SECRET, Duration.ofSeconds(60),
				NOW));
		assertThat(SignedUrls.verify(spaced, SECRET, NOW)).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(spaced.replace("q=a+b", "q=a b"), SECRET, NOW))
			.as("an unencoded space in the query verifies as the reference reads it")
			.isEqualTo(Verification.OK);
		String underscored = SignedUrls.sign("https://my_pod.internal:8443/stream?x=1", SECRET, Duration.ofSeconds(60),
				NOW);
		assertThat(underscored).startsWith("https://my_pod.internal:8443/stream?exp=");
		assertThat(SignedUrls.verify(underscored, SECRET, NOW)).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify("https://x.test/a b?exp=1&sig=x", SECRET, NOW))
			.as("a space in the path stays malformed")
			.isEqualTo(Verification.MALFORMED);
	}

	@Test
	void signNeverHandsOutAUrlItsOwnVerifyCallsMalformed() {
		String longest = "https://x.test/" + "a".repeat(8150);
		assertThatExceptionOfType(ExAtlasException.class)
			.isThrownBy(() -> SignedUrls.sign(longest, SECRET, Duration.ofSeconds(60), NOW))
			.satisfies((ex) -> assertThat(ex.getMessage()).contains("longer than"));
	}

	/**
	 * Generated URLs: paths and query values with reserved, encoded and non-ASCII characters, up to a few parameters
	 * with distinct names. Whatever sign() returns verifies OK, and a changed value never does.
	 */
	static Stream<String> generatedUrls() {
		Random random = new Random(42);
		String[] pieces = { "a", "Z", "0", "-", "_", ".", "~", "%20", "+", "%2F", "%C3%A9", "%E6%97%A5", "%F0%9F%98%80",
				"%26", "%3D", "%3F" };
		return IntStream.range(0, 200).mapToObj((i) -> {
			StringBuilder url = new StringBuilder(random.nextBoolean() ? "https://pod.test" : "http://pod.test:8080");
			for (int segment = 0; segment < 1 + random.nextInt(3); segment++) {
				url.append('/').append(word(random, pieces));
			}
			int parameters = random.nextInt(4);
			for (int p = 0; p < parameters; p++) {
				url.append((p == 0) ? '?' : '&').append("k").append(p).append('=').append(word(random, pieces));
			}
			return url.toString();
		});
	}

	private static String word(Random random, String[] pieces) {
		StringBuilder word = new StringBuilder();
		for (int i = 0; i < 1 + random.nextInt(5); i++) {
			word.append(pieces[random.nextInt(pieces.length)]);
		}
		return word.toString();
	}

	@ParameterizedTest
	@MethodSource("generatedUrls")
	void everyUrlSignHandsOutVerifiesAndNoChangedValueDoes(String url) {
		String signed = SignedUrls.sign(url, SECRET, Duration.ofSeconds(60), NOW);
		assertThat(SignedUrls.verify(signed, SECRET, NOW)).isEqualTo(Verification.OK);
		assertThat(SignedUrls.verify(signed, SECRET, NOW.plusSeconds(61))).isEqualTo(Verification.EXPIRED);
		assertThat(SignedUrls.verify(signed.replaceFirst("exp=", "exp=1"), SECRET, NOW))
			.isIn(Verification.BAD_SIGNATURE, Verification.MALFORMED);
		if (url.contains("?k0=")) {
			assertThat(SignedUrls.verify(signed.replaceFirst("k0=", "k0=x"), SECRET, NOW))
				.isEqualTo(Verification.BAD_SIGNATURE);
		}
	}

	@Test
	void aStaleSignatureInTheInputIsReplaced() {
		String resigned = SignedUrls.sign("https://x.test/a?sig=stale&x=1", SECRET, Duration.ofSeconds(60), NOW);
		assertThat(resigned).doesNotContain("stale");
		assertThat(SignedUrls.verify(resigned, SECRET, NOW)).isEqualTo(Verification.OK);
	}

	@Test
	void portsFragmentsAndSchemesAreKeptAsTheReferenceRenders() {
		assertThat(SignedUrls.sign("HTTPS://Host.test:443/a#frag", Secret.of("k"), Duration.ofSeconds(5), Instant.EPOCH))
			.startsWith("https://Host.test/a?exp=5&sig=")
			.endsWith("#frag");
		assertThat(SignedUrls.sign("http://host.test:8080/a", Secret.of("k"), Duration.ofSeconds(5), Instant.EPOCH))
			.startsWith("http://host.test:8080/a?exp=5&sig=");
	}

	@Test
	void thePodSideVerifierInTheDocsAcceptsOurUrlsAndRejectsTamperedOnes() throws Exception {
		Path verifier = Path.of("..", "docs", "pod_auth.py");
		Assumptions.assumeTrue(Files.exists(verifier), "docs/pod_auth.py not found");
		Assumptions.assumeTrue(hasPython(), "python3 is not installed");
		String signed = SignedUrls.sign("https://pod.test/caf%C3%A9/stream?user=42&q=a+b&z=%2F", SECRET,
				Duration.ofSeconds(60), NOW);
		assertThat(python(verifier, signed, SECRET.reveal(), NOW.getEpochSecond())).isEqualTo("ok");
		assertThat(python(verifier, signed.replace("user=42", "user=43"), SECRET.reveal(), NOW.getEpochSecond()))
			.isEqualTo("bad_signature");
		assertThat(python(verifier, signed, SECRET.reveal(), NOW.getEpochSecond() + 61)).isEqualTo("expired");
		assertThat(python(verifier, "https://pod.test/a", SECRET.reveal(), NOW.getEpochSecond())).isEqualTo("malformed");
	}

	private static boolean hasPython() {
		try {
			return new ProcessBuilder("python3", "--version").start().waitFor(10, TimeUnit.SECONDS);
		}
		catch (Exception ex) {
			return false;
		}
	}

	private static String python(Path script, String url, String secret, long now) throws Exception {
		Process process = new ProcessBuilder(List.of("python3", script.toString(), url, secret, Long.toString(now)))
			.redirectErrorStream(true)
			.start();
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}

}
