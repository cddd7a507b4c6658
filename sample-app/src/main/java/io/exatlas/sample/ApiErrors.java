package io.exatlas.sample;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Errors of the sample's API as RFC 9457 problem details with the library's error kind: a client's bad input is a
 * 400 (never a 500), a cloud's failure a 502 or 504.
 */
@RestControllerAdvice
class ApiErrors {

	@ExceptionHandler(ExAtlasException.class)
	ProblemDetail onError(ExAtlasException ex) {
		HttpStatus status = switch (ex.kind()) {
			case VALIDATION -> HttpStatus.BAD_REQUEST;
			case NOT_FOUND -> HttpStatus.NOT_FOUND;
			case UNSUPPORTED -> HttpStatus.NOT_IMPLEMENTED;
			case REJECTED -> HttpStatus.FORBIDDEN;
			case TIMEOUT -> HttpStatus.GATEWAY_TIMEOUT;
			default -> HttpStatus.BAD_GATEWAY;
		};
		return problem(status, ex.getMessage(), ex.kind());
	}

	/** Options built from the request body refuse bad values (a negative TTL) with an IllegalArgumentException. */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail onBadInput(IllegalArgumentException ex) {
		return problem(HttpStatus.BAD_REQUEST, Printable.of(ex.getMessage()), ErrorKind.VALIDATION);
	}

	private static ProblemDetail problem(HttpStatus status, String detail, ErrorKind kind) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		problem.setProperty("kind", kind);
		return problem;
	}

}
