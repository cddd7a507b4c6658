/**
 * Auto-configuration of the Fly.io log client and shared log tails.
 */
@NullMarked
package io.exatlas.fly.logs.autoconfigure;

import org.jspecify.annotations.NullMarked;
