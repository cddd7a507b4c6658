package io.exatlas.fly.tokens;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import io.exatlas.fly.FlyAppNames;
import io.exatlas.fly.FlyAuthorization;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class FlyAuthorizationTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "FlyV1 fm2_abc,fm2_def|FlyV1 fm2_abc,fm2_def",
			"fm2_abc,fm2_def|FlyV1 fm2_abc,fm2_def", "fm1r_abc|FlyV1 fm1r_abc", "Bearer fm1a_x|FlyV1 fm1a_x",
			"legacy-oauth-token|Bearer legacy-oauth-token", "Bearer legacy|Bearer legacy",
			"fo1_abc|Bearer fo1_abc" })
	void macaroonsGetTheFlyV1SchemeAndEverythingElseBearer(String token, String header) {
		assertThat(FlyAuthorization.headerValue(token)).isEqualTo(header);
	}

	@ParameterizedTest
	@ValueSource(strings = { "../etc", "App", "a b", "--org", "x\ny", "", "-leading", "a/b", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa" })
	void hostileAppNamesAreRejected(String app) {
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> FlyAppNames.requireValid(app))
			.satisfies((ex) -> assertThat(ex.kind()).isEqualTo(ErrorKind.VALIDATION));
	}

	@ParameterizedTest
	@ValueSource(strings = { "my-app", "a", "app-123", "0app" })
	void flyAppNamesAreAccepted(String app) {
		assertThat(FlyAppNames.requireValid(app)).isEqualTo(app);
	}

}
