package io.exatlas.support;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.assertj.core.api.ObjectAssert;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatObject;

/**
 * Assertions on the library's typed errors.
 */
public final class ExAtlasAssertions {

	private ExAtlasAssertions() {
	}

	/**
	 * Assert that a call throws an {@link ExAtlasException} of a kind.
	 * @param call the call
	 * @param kind the expected kind
	 * @return an assertion on the exception, for further checks
	 */
	public static ObjectAssert<ExAtlasException> assertKind(ThrowingCallable call, ErrorKind kind) {
		ExAtlasException[] caught = new ExAtlasException[1];
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(call).satisfies((ex) -> caught[0] = ex);
		assertThat(caught[0].kind()).as("kind of %s", caught[0].getMessage()).isEqualTo(kind);
		return assertThatObject(caught[0]);
	}

}
