/**
 * Actuator support for the compute providers: their health from cached state and the application's own calls.
 */
@NullMarked
package io.exatlas.compute.actuate;

import org.jspecify.annotations.NullMarked;
