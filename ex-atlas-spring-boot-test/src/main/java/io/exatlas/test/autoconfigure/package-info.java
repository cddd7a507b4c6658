/**
 * Test annotations for applications that use ExAtlas, in the spirit of Spring Boot's {@code @AutoConfigure...}
 * annotations: {@link io.exatlas.test.autoconfigure.AutoConfigureMockExAtlas}.
 */
package io.exatlas.test.autoconfigure;
