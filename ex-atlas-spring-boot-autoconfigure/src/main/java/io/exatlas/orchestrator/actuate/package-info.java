/**
 * The {@code computesessions} actuator endpoint: tracked sessions as small descriptors, with touch and stop operations that default
 * to read-only access.
 */
@NullMarked
package io.exatlas.orchestrator.actuate;

import org.jspecify.annotations.NullMarked;
