package io.exatlas.event;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.GenericApplicationListener;
import org.springframework.context.event.GenericApplicationListenerAdapter;
import org.springframework.context.support.AbstractApplicationContext;
import org.springframework.core.ResolvableType;

/**
 * Publishes the library's events as Spring application events. A listener that throws is logged at WARN and does
 * not fail the library call that published the event (a failed listener must never orphan a cloud resource).
 * <p>
 * {@link #isListening(Class)} answers from the context's listeners ({@code ApplicationListener} beans and
 * {@code @EventListener} methods, and listener beans not created yet by their declared type), as Spring's multicaster
 * would match them, decided once per event type and again whenever a listener is added or removed (the set's size
 * changes); until the context is refreshed, and for a publisher that is not an {@link AbstractApplicationContext}, it
 * answers {@code true}. A listener whose event type cannot be resolved (a lambda) counts as listening to everything,
 * as Spring treats it.
 */
public class ApplicationExAtlasEventPublisher implements ExAtlasEventPublisher {

	private static final Log logger = LogFactory.getLog(ApplicationExAtlasEventPublisher.class);

	private final ApplicationEventPublisher delegate;

	private final @Nullable AbstractApplicationContext context;

	/** The context's own listener set (the same instance for its whole life; its size marks changes). */
	private final @Nullable Collection<ApplicationListener<?>> listeners;

	private final ClassValue<AtomicReference<@Nullable Decision>> decisions = new ClassValue<>() {

		@Override
		protected AtomicReference<@Nullable Decision> computeValue(Class<?> type) {
			return new AtomicReference<>();
		}

	};

	/**
	 * Create a publisher.
	 * @param delegate the Spring publisher (usually the application context)
	 */
	public ApplicationExAtlasEventPublisher(ApplicationEventPublisher delegate) {
		this.delegate = delegate;
		this.context = (delegate instanceof AbstractApplicationContext abstractContext) ? abstractContext : null;
		this.listeners = (this.context != null) ? this.context.getApplicationListeners() : null;
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

	@Override
	public boolean isListening(Class<? extends ExAtlasEvent> type) {
		return isListening(type, this.decisions.get(type));
	}

	/**
	 * A gate that keeps its type's decision at hand: one size read and one comparison per call while the listeners
	 * stay the same.
	 */
	@Override
	public Gate gate(Class<? extends ExAtlasEvent> type) {
		AtomicReference<@Nullable Decision> decision = this.decisions.get(type);
		return () -> isListening(type, decision);
	}

	private boolean isListening(Class<?> type, AtomicReference<@Nullable Decision> decision) {
		Collection<ApplicationListener<?>> listeners = this.listeners;
		if (listeners == null) {
			return true;
		}
		int version = listeners.size();
		Decision current = decision.get();
		if (current != null && current.version() == version) {
			return current.listening();
		}
		AbstractApplicationContext context = Objects.requireNonNull(this.context);
		if (!context.isActive()) {
			return true;
		}
		Decision fresh = new Decision(version, anyListens(listeners, type) || anyListenerBeanListens(context, type));
		decision.set(fresh);
		return fresh.listening();
	}

	private static boolean anyListens(Collection<ApplicationListener<?>> listeners, Class<?> type) {
		ResolvableType eventType = ResolvableType.forClass(type);
		for (ApplicationListener<?> listener : listeners.toArray(new ApplicationListener<?>[0])) {
			GenericApplicationListener generic = (listener instanceof GenericApplicationListener known) ? known
					: new GenericApplicationListenerAdapter(listener);
			if (generic.supportsEventType(eventType)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Listener beans the context has not created yet (lazy or scoped ones) are not in its listener set: judge them by
	 * their declared type, and count one whose event type cannot be resolved as listening.
	 */
	private static boolean anyListenerBeanListens(AbstractApplicationContext context, Class<?> type) {
		ConfigurableListableBeanFactory beans = context.getBeanFactory();
		for (String name : beans.getBeanNamesForType(ApplicationListener.class, true, false)) {
			if (beans.containsSingleton(name)) {
				continue;
			}
			Class<?> beanType = beans.getType(name, false);
			ResolvableType declared = (beanType != null)
					? ResolvableType.forClass(beanType).as(ApplicationListener.class).getGeneric() : ResolvableType.NONE;
			Class<?> listened = declared.resolve();
			if (listened == null || listened.isAssignableFrom(type)) {
				return true;
			}
		}
		return false;
	}

	/** What was decided for an event type, and for which set of listeners (its size). */
	private record Decision(int version, boolean listening) {
	}

}
