/**
 * The default implementations of the compute facades: {@link io.exatlas.compute.facade.DefaultReactiveExAtlas} (one
 * reactive path that validates, routes to a provider, observes and publishes events) and the thin blocking
 * {@link io.exatlas.compute.facade.DefaultExAtlas} over it. Applications use them through
 * {@link io.exatlas.compute.ExAtlas} and {@link io.exatlas.compute.ReactiveExAtlas}.
 */
@NullMarked
package io.exatlas.compute.facade;

import org.jspecify.annotations.NullMarked;
