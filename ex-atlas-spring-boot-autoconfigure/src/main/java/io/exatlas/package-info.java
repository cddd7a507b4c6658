/**
 * ExAtlas for Spring: one provider-agnostic API over GPU/CPU clouds and Fly.io platform operations.
 * <p>
 * This package holds the types shared by every area of the library: the typed {@link io.exatlas.ExAtlasException}
 * with its stable {@link io.exatlas.ErrorKind}, and {@link io.exatlas.Secret}, the wrapper that keeps credentials out
 * of logs, events and {@code toString()}.
 */
@NullMarked
package io.exatlas;

import org.jspecify.annotations.NullMarked;
