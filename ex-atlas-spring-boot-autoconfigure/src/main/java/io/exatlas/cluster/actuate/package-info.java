/**
 * Actuator support for the Redis parts: the shared session registry's health.
 */
@NullMarked
package io.exatlas.cluster.actuate;

import org.jspecify.annotations.NullMarked;
