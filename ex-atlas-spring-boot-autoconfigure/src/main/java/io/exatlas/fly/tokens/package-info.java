/**
 * The Fly.io token lifecycle. {@link io.exatlas.fly.tokens.FlyTokens} resolves a token per app through a chain
 * (cache, durable {@link io.exatlas.fly.tokens.TokenStore}, {@code ~/.fly/config.yml}, the {@code fly} CLI, a manual
 * override), serializes and coalesces resolution per app, refreshes tokens before they expire and publishes the
 * reference's acquire span as events.
 */
@NullMarked
package io.exatlas.fly.tokens;

import org.jspecify.annotations.NullMarked;
