/**
 * Auto-configuration of the opt-in session orchestrator and reaper ({@code exatlas.orchestrator.*}) and of the
 * {@code computesessions} actuator endpoint.
 */
@NullMarked
package io.exatlas.orchestrator.autoconfigure;

import org.jspecify.annotations.NullMarked;
