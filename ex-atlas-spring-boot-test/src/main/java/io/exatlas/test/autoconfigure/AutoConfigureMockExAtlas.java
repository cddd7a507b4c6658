package io.exatlas.test.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import io.exatlas.test.event.ExAtlasEventRecorder;

import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

/**
 * Switches the application under test to the in-memory mock provider with instant, deterministic behaviour, and
 * records its ExAtlas events:
 * <ul>
 * <li>{@code exatlas.default-provider=mock}, with every cloud provider disabled, so no test can reach a real cloud
 * whatever keys the environment holds;</li>
 * <li>mock jobs complete as they are submitted ({@code exatlas.providers.mock.job-step-delay=0});</li>
 * <li>Fly tokens in memory, without reading the developer's {@code ~/.fly/config.yml};</li>
 * <li>an {@link ExAtlasEventRecorder} bean to inject and assert on.</li>
 * </ul>
 * Properties the test sets itself (with {@code @SpringBootTest(properties = ...)} or its own
 * {@code @TestPropertySource}) take precedence.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@TestPropertySource(properties = { "exatlas.default-provider=mock", "exatlas.providers.mock.enabled=true",
		"exatlas.providers.mock.job-step-delay=0s", "exatlas.providers.runpod.enabled=false",
		"exatlas.providers.lambda-labs.enabled=false", "exatlas.providers.vast.enabled=false",
		"exatlas.providers.fly.enabled=false", "exatlas.fly.tokens.store=memory",
		"exatlas.fly.tokens.config-file-enabled=false" })
@Import(ExAtlasEventRecorder.class)
public @interface AutoConfigureMockExAtlas {

}
