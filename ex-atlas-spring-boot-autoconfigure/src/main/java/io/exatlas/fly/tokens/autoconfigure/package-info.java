/**
 * Auto-configuration of the Fly.io token chain and of its {@code flytokens} actuator endpoint.
 */
@NullMarked
package io.exatlas.fly.tokens.autoconfigure;

import org.jspecify.annotations.NullMarked;
