package io.exatlas.pacing;

import java.time.Duration;

/**
 * One limiter's headroom, for the actuator endpoint.
 *
 * @param provider the provider id
 * @param rule the rule's name
 * @param key what the limiter counts (the provider, an endpoint or a resource)
 * @param limit requests per period now (a server-reported policy may have changed it)
 * @param period the period
 * @param available permits left in the current period (negative: reserved ahead by waiting requests)
 */
public record PacingStatus(String provider, String rule, String key, int limit, Duration period, int available) {

}
