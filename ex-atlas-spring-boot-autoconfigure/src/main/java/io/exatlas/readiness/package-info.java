/**
 * Readiness: "running" is not "ready". A composable {@link io.exatlas.readiness.Readiness} probe (running, port
 * published, TCP open, HTTP healthy) that {@link io.exatlas.readiness.ReactiveReadiness} awaits with per-step and
 * overall timeouts and back-off.
 */
@NullMarked
package io.exatlas.readiness;

import org.jspecify.annotations.NullMarked;
