/**
 * Auto-configuration of the Redis-backed multi-instance parts: the shared token store, the session registry, the
 * reaper lease and the event relay, each switched on by its own property.
 */
@NullMarked
package io.exatlas.cluster.autoconfigure;

import org.jspecify.annotations.NullMarked;
