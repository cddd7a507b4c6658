package io.exatlas;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A secret never shows its value by accident, and can be taken out of a text in both of the forms it travels in.
 */
class SecretTests {

	private static final String VALUE = "k3y+with/url=chars";

	@Test
	void itIsMaskedAndComparedByValue() {
		Secret secret = Secret.of(VALUE);
		assertThat(secret).hasToString("******").isEqualTo(Secret.of(VALUE)).isNotEqualTo(Secret.of("other"));
		assertThat(secret.reveal()).isEqualTo(VALUE);
		assertThat(Secret.ofNullable("  ")).isNull();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> Secret.of(" "))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
	}

	@Test
	void itIsRedactedFromATextPlainAndUrlEncoded() {
		Secret secret = Secret.of(VALUE);
		assertThat(secret.redactFrom("key " + VALUE + " in ?api_key=k3y%2Bwith%2Furl%3Dchars&x=1"))
			.isEqualTo("key REDACTED in ?api_key=REDACTED&x=1");
		String clean = "nothing to see";
		assertThat(secret.redactFrom(clean)).isSameAs(clean);
	}

}
