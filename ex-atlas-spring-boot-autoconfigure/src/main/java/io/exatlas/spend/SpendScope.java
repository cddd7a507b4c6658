package io.exatlas.spend;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * Whose spend a figure is: everyone's, one user's or one provider's.
 *
 * @param kind the kind of scope
 * @param id the user or provider id ({@code null} for {@link Kind#ALL})
 */
public record SpendScope(Kind kind, @Nullable String id) {

	private static final SpendScope ALL = new SpendScope(Kind.ALL, null);

	/**
	 * The kinds of scope.
	 */
	public enum Kind {

		/** Every session. */
		ALL,

		/** The sessions of one user. */
		USER,

		/** The sessions on one provider. */
		PROVIDER

	}

	/**
	 * Validates the scope.
	 * @param kind the kind
	 * @param id the id
	 */
	public SpendScope {
		Objects.requireNonNull(kind, "kind");
		if ((kind == Kind.ALL) != (id == null)) {
			throw new IllegalArgumentException("a " + kind + " scope " + ((id == null) ? "needs" : "takes no") + " id");
		}
	}

	/**
	 * Every session.
	 * @return the scope
	 */
	public static SpendScope all() {
		return ALL;
	}

	/**
	 * One user's sessions.
	 * @param userId the user
	 * @return the scope
	 */
	public static SpendScope user(String userId) {
		return new SpendScope(Kind.USER, userId);
	}

	/**
	 * One provider's sessions.
	 * @param provider the provider id
	 * @return the scope
	 */
	public static SpendScope provider(String provider) {
		return new SpendScope(Kind.PROVIDER, provider);
	}

	/**
	 * Whether a session of a user on a provider is in this scope.
	 * @param provider the session's provider
	 * @param userId the session's user
	 * @return whether it counts
	 */
	public boolean includes(String provider, @Nullable String userId) {
		return switch (this.kind) {
			case ALL -> true;
			case USER -> Objects.equals(this.id, userId);
			case PROVIDER -> Objects.equals(this.id, provider);
		};
	}

	/**
	 * A key naming the scope in a ledger ({@code all}, {@code user:<id>}, {@code provider:<id>}).
	 * @return the key
	 */
	public String key() {
		return (this.kind == Kind.ALL) ? "all" : this.kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + this.id;
	}

}
