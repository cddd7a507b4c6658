package io.exatlas.event;

import java.time.Clock;

import io.exatlas.fly.logs.FlyLogsFetchEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStartEvent;
import io.exatlas.fly.tokens.FlyTokenAcquireStopEvent;
import io.exatlas.metrics.ExAtlasMeters;
import org.junit.jupiter.api.Test;

import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.event.EventListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Spring publisher answers whether anything listens for an event type from the context's listeners, as Spring's
 * multicaster would match them, and again whenever they change: never a stale {@code false}.
 */
class ListenerGateTests {

	@Test
	void nothingListensInAnEmptyContextAndEverythingBeforeItIsRefreshed() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			assertThat(publisher.isListening(FlyTokenAcquireStopEvent.class)).as("not refreshed yet").isTrue();
			context.refresh();
			assertThat(publisher.isListening(FlyTokenAcquireStopEvent.class)).isFalse();
			assertThat(publisher.gate(FlyTokenAcquireStartEvent.class).isOpen()).isFalse();
		}
	}

	@Test
	void theMetricsBridgeListensForEverythingButTokenAcquisitionStartsAndStops() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(ExAtlasMeters.class, () -> new ExAtlasMeters(false));
			context.refresh();
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			assertThat(publisher.isListening(FlyTokenAcquireStopEvent.class)).isFalse();
			assertThat(publisher.isListening(FlyTokenAcquireStartEvent.class)).isFalse();
			assertThat(publisher.isListening(FlyLogsFetchEvent.class)).isTrue();
		}
	}

	@Test
	void aListenerAddedLaterOpensTheGateAtOnce() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.refresh();
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			ExAtlasEventPublisher.Gate gate = publisher.gate(FlyTokenAcquireStopEvent.class);
			assertThat(gate.isOpen()).isFalse();
			context.addApplicationListener(new LazyStopListener());
			assertThat(gate.isOpen()).isTrue();
			assertThat(publisher.gate(FlyTokenAcquireStartEvent.class).isOpen()).as("another type").isFalse();
		}
	}

	@Test
	void eventListenerMethodsAndBroadListenersCount() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(StopListener.class);
			context.refresh();
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			assertThat(publisher.isListening(FlyTokenAcquireStopEvent.class)).isTrue();
			assertThat(publisher.isListening(FlyTokenAcquireStartEvent.class)).isFalse();
		}
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean("everything", ApplicationListener.class,
					() -> (ApplicationListener<ExAtlasEvent>) (event) -> {
					});
			context.refresh();
			assertThat(new ApplicationExAtlasEventPublisher(context).isListening(FlyTokenAcquireStartEvent.class))
				.isTrue();
		}
	}

	@Test
	void aLazyListenerBeanNotCreatedYetCountsByItsDeclaredType() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.registerBean(LazyStopListener.class, (definition) -> definition.setLazyInit(true));
			context.refresh();
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			assertThat(publisher.isListening(FlyTokenAcquireStopEvent.class)).isTrue();
			assertThat(publisher.isListening(FlyTokenAcquireStartEvent.class)).isFalse();
		}
	}

	@Test
	void whatIsPublishedWhileTheGateIsOpenReachesTheListener() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(StopListener.class);
			context.refresh();
			ApplicationExAtlasEventPublisher publisher = new ApplicationExAtlasEventPublisher(context);
			publisher.publish(new FlyTokenAcquireStopEvent(this, Clock.systemUTC(), "my-app",
					io.exatlas.fly.tokens.TokenSource.CACHE, io.exatlas.fly.tokens.TokenAcquirer.FACADE,
					java.time.Duration.ZERO, 0));
			assertThat(context.getBean(StopListener.class).received).isEqualTo(1);
		}
	}

	static class StopListener {

		int received;

		@EventListener
		void on(FlyTokenAcquireStopEvent event) {
			this.received++;
		}

	}

	static class LazyStopListener implements ApplicationListener<FlyTokenAcquireStopEvent> {

		@Override
		public void onApplicationEvent(FlyTokenAcquireStopEvent event) {
		}

	}

}
