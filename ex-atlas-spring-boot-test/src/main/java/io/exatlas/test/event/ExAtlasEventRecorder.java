package io.exatlas.test.event;

import io.exatlas.event.ExAtlasEvent;

import org.springframework.context.ApplicationListener;

/**
 * Records every {@link ExAtlasEvent} an application publishes, in order, in the spirit of Spring's
 * {@code @RecordApplicationEvents} but typed for ExAtlas and usable from any thread. Register it as a bean (
 * {@link io.exatlas.test.autoconfigure.AutoConfigureMockExAtlas} does) and inject it into the test:
 * <pre>{@code
 * @SpringBootTest
 * @AutoConfigureMockExAtlas
 * class GpuServiceTests {
 *     @Autowired ExAtlasEventRecorder events;
 *
 *     @Test
 *     void spawnsOnce() {
 *         service.start();
 *         assertThat(events.ofType(ComputeOperationEvent.class)).hasSize(1);
 *     }
 * }
 * }</pre>
 * Listeners run on the publishing thread; recording is a lock-free append, so it never slows the library down.
 */
public class ExAtlasEventRecorder extends RecordedExAtlasEvents implements ApplicationListener<ExAtlasEvent> {

	@Override
	public void onApplicationEvent(ExAtlasEvent event) {
		record(event);
	}

}
