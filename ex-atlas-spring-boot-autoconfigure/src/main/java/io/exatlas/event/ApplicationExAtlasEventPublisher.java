package io.exatlas.event;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes the library's events as Spring application events. A listener that throws is logged at WARN and does
 * not fail the library call that published the event (a failed listener must never orphan a cloud resource).
 */
public class ApplicationExAtlasEventPublisher implements ExAtlasEventPublisher {

	private static final Log logger = LogFactory.getLog(ApplicationExAtlasEventPublisher.class);

	private final ApplicationEventPublisher delegate;

	/**
	 * Create a publisher.
	 * @param delegate the Spring publisher (usually the application context)
	 */
	public ApplicationExAtlasEventPublisher(ApplicationEventPublisher delegate) {
		this.delegate = delegate;
	}

	@Override
	public void publish(ExAtlasEvent event) {
		try {
			this.delegate.publishEvent(event);
		}
		catch (RuntimeException ex) {
			logger.warn("A listener failed on " + event.getClass().getSimpleName()
					+ "; the ExAtlas call that published it carries on", ex);
		}
	}

}
