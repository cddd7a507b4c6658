package io.exatlas.sample;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses API request bodies over a limit ({@code sample.max-request-size}, 16 KB by default) with 413, and bodies
 * of unknown length with 411, before anything reads them: the API spawns real resources once keys are set, and a
 * spawn request is a few hundred bytes.
 */
@Component
class RequestSizeLimit extends OncePerRequestFilter {

	private final long limit;

	RequestSizeLimit(@Value("${sample.max-request-size:16384}") long limit) {
		this.limit = limit;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return !request.getRequestURI().startsWith("/api/") || request.getMethod().equals("GET")
				|| request.getMethod().equals("DELETE");
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		long length = request.getContentLengthLong();
		if (length > this.limit) {
			response.sendError(HttpStatus.CONTENT_TOO_LARGE.value(), "request bodies are limited to " + this.limit + " bytes");
			return;
		}
		if (length < 0 && request.getHeader("Transfer-Encoding") != null) {
			response.sendError(HttpStatus.LENGTH_REQUIRED.value(), "send a Content-Length");
			return;
		}
		chain.doFilter(request, response);
	}

}
