/**
 * The {@code placement} actuator endpoint: the offer cache per provider, the skip list and the pacing headroom.
 */
@NullMarked
package io.exatlas.placement.actuate;

import org.jspecify.annotations.NullMarked;
