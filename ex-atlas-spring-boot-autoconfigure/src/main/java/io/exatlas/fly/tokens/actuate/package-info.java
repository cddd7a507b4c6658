/**
 * The {@code flytokens} actuator endpoint: the token chain's cached tokens (never their values) and statistics, with
 * refresh and invalidate operations that default to read-only access.
 */
@NullMarked
package io.exatlas.fly.tokens.actuate;

import org.jspecify.annotations.NullMarked;
