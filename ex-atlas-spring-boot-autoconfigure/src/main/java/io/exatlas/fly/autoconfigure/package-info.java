/**
 * The {@code exatlas.fly.*} properties shared by the Fly.io platform auto-configurations (tokens, logs, deploys).
 */
@NullMarked
package io.exatlas.fly.autoconfigure;

import org.jspecify.annotations.NullMarked;
