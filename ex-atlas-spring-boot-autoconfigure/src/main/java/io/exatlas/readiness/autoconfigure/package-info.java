/**
 * Auto-configuration of readiness probes.
 */
@NullMarked
package io.exatlas.readiness.autoconfigure;

import org.jspecify.annotations.NullMarked;
