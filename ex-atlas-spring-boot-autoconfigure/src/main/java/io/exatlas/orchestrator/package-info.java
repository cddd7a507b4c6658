/**
 * The opt-in orchestrator of per-user transient compute sessions: {@link io.exatlas.orchestrator.ComputeOrchestrator}
 * spawns through the facade, tracks idle time, terminates idle sessions upstream and publishes
 * {@link io.exatlas.orchestrator.ComputeSessionEvent}s; the {@link io.exatlas.orchestrator.Reaper} terminates orphaned
 * resources that nothing tracks. Tracking state lives in a {@link io.exatlas.orchestrator.SessionRegistry}.
 */
@NullMarked
package io.exatlas.orchestrator;

import org.jspecify.annotations.NullMarked;
