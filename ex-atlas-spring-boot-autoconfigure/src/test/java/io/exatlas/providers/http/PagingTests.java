package io.exatlas.providers.http;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import io.exatlas.ErrorKind;
import io.exatlas.ExAtlasException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link Paging} follows cursors to the last page and never loops: a repeated cursor or more pages than the cap end
 * the listing with a {@code PROVIDER} error after a bounded number of requests.
 */
class PagingTests {

	/** A page: its items and the cursor of the next page. */
	private record Page(List<Integer> items, String next) {
	}

	@Test
	void followsCursorsToTheLastPage() {
		AtomicInteger fetches = new AtomicInteger();
		List<Integer> items = Paging
			.follow("cloud", Mono.just(new Page(List.of(1), "a")), Page::next, (cursor) -> {
				fetches.incrementAndGet();
				return Mono.just(cursor.equals("a") ? new Page(List.of(2), "b") : new Page(List.of(3), ""));
			}, 10)
			.flatMapIterable(Page::items)
			.collectList()
			.block();
		assertThat(items).containsExactly(1, 2, 3);
		assertThat(fetches).hasValue(2);
	}

	@Test
	void aRepeatedCursorStopsAfterTheSecondRequest() {
		AtomicInteger fetches = new AtomicInteger();
		assertThatExceptionOfType(ExAtlasException.class).isThrownBy(() -> Paging
			.follow("vast", Mono.just(new Page(List.of(), "same")), Page::next, (cursor) -> {
				fetches.incrementAndGet();
				return Mono.just(new Page(List.of(), "same"));
			}, Paging.MAX_PAGES)
			.blockLast()).satisfies((ex) -> {
				assertThat(ex.kind()).isEqualTo(ErrorKind.PROVIDER);
				assertThat(ex.provider()).contains("vast");
				assertThat(ex.getMessage()).contains("repeated a page cursor after 2 pages");
			});
		assertThat(fetches).hasValue(1);
	}

	/**
	 * Generated cursor sequences: each page's next cursor is a fresh one, one seen before, or none. The listing sends
	 * at most the cap's requests, ends normally exactly when no cursor repeated within the cap, and fails otherwise.
	 */
	static Stream<List<String>> cursorSequences() {
		Random random = new Random(99);
		return IntStream.range(0, 100).mapToObj((i) -> {
			List<String> cursors = new ArrayList<>();
			int length = random.nextInt(40);
			for (int page = 0; page < length; page++) {
				int roll = random.nextInt(30);
				cursors.add((roll == 0 && !cursors.isEmpty()) ? cursors.get(random.nextInt(cursors.size()))
						: "c" + page);
			}
			cursors.add((random.nextInt(4) == 0) ? "c0" : "");
			return cursors;
		});
	}

	@ParameterizedTest
	@MethodSource("cursorSequences")
	void neverLoopsAndFailsExactlyOnARepeatOrTheCap(List<String> cursors) {
		int cap = 25;
		AtomicInteger fetches = new AtomicInteger();
		Throwable failure = null;
		try {
			Paging.follow("cloud", Mono.just(0), cursors::get, (cursor) -> {
				int page = fetches.incrementAndGet();
				return Mono.just(page);
			}, cap).blockLast();
		}
		catch (ExAtlasException ex) {
			failure = ex;
		}
		int expectedPages = 1;
		boolean repeated = false;
		Set<String> seen = new HashSet<>();
		for (String cursor : cursors) {
			if (cursor.isEmpty()) {
				break;
			}
			if (!seen.add(cursor)) {
				repeated = true;
				break;
			}
			if (expectedPages + 1 > cap) {
				repeated = true;
				break;
			}
			expectedPages++;
		}
		assertThat(fetches.get()).isLessThanOrEqualTo(cap - 1).isEqualTo(expectedPages - 1);
		assertThat(failure != null).isEqualTo(repeated);
	}

}
