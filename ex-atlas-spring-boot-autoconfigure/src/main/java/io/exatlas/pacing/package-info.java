/**
 * Client-side pacing of provider requests: {@link io.exatlas.pacing.PacingRule rules} per provider and action,
 * seeded with each cloud's published limits, enforced by Resilience4j rate limiters, and, where a cloud reports its
 * own headroom (RunPod's {@code RateLimit} headers), paced from what it reports. A paced request waits without
 * blocking a thread, within a bound, then fails with {@code RATE_LIMITED}.
 */
@NullMarked
package io.exatlas.pacing;

import org.jspecify.annotations.NullMarked;
