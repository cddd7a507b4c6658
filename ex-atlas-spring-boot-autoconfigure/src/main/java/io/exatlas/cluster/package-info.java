/**
 * Running several application instances against one Redis: a shared Fly token store with cross-instance
 * invalidation, a cluster-wide session registry with owner heartbeats and take-over, one reaper run per interval
 * across the cluster, and compute session events relayed between instances.
 */
@NullMarked
package io.exatlas.cluster;

import org.jspecify.annotations.NullMarked;
