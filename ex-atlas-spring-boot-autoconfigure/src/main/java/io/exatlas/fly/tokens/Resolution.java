package io.exatlas.fly.tokens;

import org.jspecify.annotations.Nullable;

/**
 * What one run of the chain found: where the token came from, and the token ({@code null} for {@code NONE}).
 *
 * @param source where the token came from
 * @param token the token, or {@code null} when the chain had none
 */
record Resolution(TokenSource source, @Nullable FlyToken token) {

	/**
	 * What a caller that joined this resolution gets: the token as the resolution cached it (a manual token and no
	 * token are never cached, so they are passed on as they are).
	 * @return the joined caller's resolution
	 */
	Resolution asJoined() {
		boolean cached = this.token != null && this.source != TokenSource.MANUAL;
		return cached ? new Resolution(TokenSource.CACHE, this.token.withSource(TokenSource.CACHE)) : this;
	}

}
