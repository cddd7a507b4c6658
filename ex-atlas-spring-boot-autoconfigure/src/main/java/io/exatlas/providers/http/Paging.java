package io.exatlas.providers.http;

import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Follows a cloud's page cursors, written once for every paged listing. It stops at the last page, and fails with a
 * {@code PROVIDER} error, instead of looping, when the cloud repeats a cursor or sends more pages than the cap (a
 * cloud that repeated its cursor once made a listing send 121,189 requests in 12 minutes).
 */
public final class Paging {

	/** The most pages one listing follows. */
	public static final int MAX_PAGES = 1000;

	private Paging() {
	}

	/**
	 * The pages of a listing, the first one included.
	 * @param <P> a page
	 * @param provider the provider id, for errors
	 * @param first fetches the first page
	 * @param nextCursor the cursor of the page after a page, {@code null} or blank on the last page
	 * @param fetch fetches the page at a cursor
	 * @param maxPages the most pages to follow
	 * @return the pages, in order; a {@code PROVIDER} error on a repeated cursor or too many pages
	 */
	public static <P> Flux<P> follow(String provider, Mono<P> first, Function<P, @Nullable String> nextCursor,
			Function<String, Mono<P>> fetch, int maxPages) {
		return Flux.defer(() -> {
			Set<String> seen = new HashSet<>();
			AtomicInteger pages = new AtomicInteger(1);
			return first.expand((page) -> {
				String cursor = nextCursor.apply(page);
				if (cursor == null || cursor.isBlank()) {
					return Mono.empty();
				}
				if (!seen.add(cursor)) {
					return Mono.error(stopped(provider, "repeated a page cursor after " + pages.get() + " pages"));
				}
				if (pages.incrementAndGet() > maxPages) {
					return Mono.error(stopped(provider, "sent more than " + maxPages + " pages"));
				}
				return fetch.apply(cursor);
			});
		});
	}

	private static ExAtlasException stopped(String provider, String what) {
		return ExAtlasException.builder(ErrorKind.PROVIDER)
			.provider(provider)
			.message("the listing " + what + "; stopped following it")
			.build();
	}

}
