package io.exatlas.fly.tokens;

import java.time.Duration;
import java.util.Base64;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.exatlas.Secret;
import io.exatlas.support.FakeFlyCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The token the {@code fly} CLI prints is taken only when it is complete and of the shape Fly issues; truncated or
 * malformed output is a miss, never a token.
 */
@ExtendWith(OutputCaptureExtension.class)
class FlyCliTokenIssuerTests {

	private static final long SEED = 20261202L;

	private final FakeFlyCli cli = new FakeFlyCli();

	@AfterEach
	void close() {
		this.cli.close();
	}

	/** A token as {@code fly tokens create readonly} prints it: macaroons of random bytes in standard Base64. */
	private static String macaroons(Random random) {
		return String.join(",", IntStream.range(0, 1 + random.nextInt(3)).mapToObj((i) -> {
			byte[] bytes = new byte[1 + random.nextInt(300)];
			random.nextBytes(bytes);
			return (random.nextBoolean() ? "fm2_" : "fm1r_") + Base64.getEncoder().encodeToString(bytes);
		}).toList());
	}

	static Stream<String> tokens() {
		Random random = new Random(SEED);
		return IntStream.range(0, 200).mapToObj((i) -> "FlyV1 " + macaroons(random));
	}

	@ParameterizedTest
	@MethodSource("tokens")
	void everyCompleteTokenLineIsAcceptedWithOrWithoutNoiseAround(String token) {
		assertThat(FlyCliTokenIssuer.tokenLine(token + "\n")).hasValue(token);
		assertThat(FlyCliTokenIssuer.tokenLine(token + "\r\n")).hasValue(token);
		assertThat(FlyCliTokenIssuer.tokenLine("A new release of flyctl is available\n" + token + "\n")).hasValue(token);
	}

	@ParameterizedTest
	@MethodSource("tokens")
	void noProperPrefixOfATokenLineIsEverAToken(String token) {
		String line = token + "\n";
		for (int cut = 0; cut < line.length(); cut++) {
			assertThat(FlyCliTokenIssuer.tokenLine(line.substring(0, cut))).as("cut at %d", cut).isEmpty();
		}
	}

	@ParameterizedTest
	@MethodSource("tokens")
	void aLineCutInsideAMacaroonOrAfterACommaIsNotATokenEvenWithALineBreakAdded(String token) {
		Random random = new Random(token.hashCode());
		String[] parts = token.substring("FlyV1 ".length()).split(",");
		String last = parts[parts.length - 1];
		String body = last.substring(last.indexOf('_') + 1);
		int unpadded = body.indexOf('=') >= 0 ? body.indexOf('=') : body.length();
		int cut = 1 + random.nextInt(Math.max(1, unpadded - 1));
		if (cut % 4 == 0) {
			cut--;
		}
		String cutLine = token.substring(0, token.length() - body.length() + cut);
		assertThat(FlyCliTokenIssuer.tokenLine(cutLine + "\n")).as(cutLine).isEmpty();
		assertThat(FlyCliTokenIssuer.tokenLine(token + ",\n")).isEmpty();
		assertThat(FlyCliTokenIssuer.tokenLine(token.substring(0, token.lastIndexOf(',') + 1) + "\n")).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "FlyV1 \n", "FlyV1\n", "fm2_" + "aaaa" + "\n", "Bearer fm2_aaaa\n", "FlyV1 fm3_aaaa\n",
			"FlyV1 fm2_\n", "FlyV1 fm2_aa$a\n", "FlyV1 fm2_a=aa\n", "FlyV1 fm2_aaaa,,fm2_aaaa\n",
			"FlyV1 fm2_aaaa fm2_aaaa\n", "FlyV1 fo1_aaaa\n", "Error: not logged in\n", "" })
	void outputOfAnyOtherShapeIsNotAToken(String output) {
		assertThat(FlyCliTokenIssuer.tokenLine(output)).isEmpty();
	}

	@Test
	void aCliThatExitsZeroAfterPrintingHalfATokenGivesNoToken(CapturedOutput output) {
		String token = "FlyV1 fm2_" + "a".repeat(40) + ",fm2_" + "b".repeat(40);
		this.cli.raw(token.substring(0, 30));
		FlyCliTokenIssuer issuer = new FlyCliTokenIssuer(this.cli.executable(), "my-org", Duration.ofSeconds(30));
		assertThat(issuer.issue("my-app")).isEmpty();
		assertThat(output).contains("printed no complete token").doesNotContain("aaaa");
		this.cli.raw(token + "\n");
		assertThat(issuer.issue("my-app").map(Secret::reveal)).hasValue(token);
	}

}
