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
	 * A publisher that drops every event, for code that runs outside a Spring context.
	 * @return the publisher
	 */
	static ExAtlasEventPublisher noop() {
		return (event) -> {
		};
	}

}
