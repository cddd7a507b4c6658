package io.exatlas.event;

/**
 * Publishes the library's events. The auto-configured implementation hands them to the Spring
 * {@code ApplicationEventPublisher}; define a bean of this type to route them elsewhere.
 */
@FunctionalInterface
public interface ExAtlasEventPublisher {

	/**
	 * Publish an event. Implementations must not throw.
	 * @param event the event
	 */
	void publish(ExAtlasEvent event);

	/**
	 * Whether anything listens for events of a type, so that a hot path can skip building them (a token cache hit
	 * publishes nothing when nobody listens). Must never answer {@code false} while a listener for the type exists;
	 * answering {@code true} when none does only costs the building. Implementations must be cheap.
	 * @param type the event type
	 * @return whether publishing such an event could reach a listener ({@code true} unless the publisher knows)
	 */
	default boolean isListening(Class<? extends ExAtlasEvent> type) {
		return true;
	}

	/**
	 * A reusable {@link #isListening(Class)} for one event type, for hot paths that ask on every call: it may keep
	 * what it needs to answer without a lookup, but must follow changes of the listeners as {@code isListening} does.
	 * @param type the event type
	 * @return the gate
	 */
	default Gate gate(Class<? extends ExAtlasEvent> type) {
		return () -> isListening(type);
	}

	/**
	 * Whether events of one type would reach a listener now.
	 */
	@FunctionalInterface
	interface Gate {

		/**
		 * Whether to build and publish an event of the gate's type.
		 * @return see {@link ExAtlasEventPublisher#isListening(Class)}
		 */
		boolean isOpen();

	}

	/**
	 * A publisher that drops every event, for code that runs outside a Spring context.
	 * @return the publisher
	 */
	static ExAtlasEventPublisher noop() {
		return NoopPublisher.INSTANCE;
	}

	/**
	 * The publisher that drops every event and says so.
	 */
	enum NoopPublisher implements ExAtlasEventPublisher {

		/** The instance. */
		INSTANCE;

		@Override
		public void publish(ExAtlasEvent event) {
		}

		@Override
		public boolean isListening(Class<? extends ExAtlasEvent> type) {
			return false;
		}

		@Override
		public Gate gate(Class<? extends ExAtlasEvent> type) {
			return () -> false;
		}

	}

}
