/**
 * The provider-agnostic compute API: the normalized model ({@link io.exatlas.compute.ComputeRequest},
 * {@link io.exatlas.compute.Compute}, {@link io.exatlas.compute.JobRequest}, {@link io.exatlas.compute.Job},
 * {@link io.exatlas.compute.GpuType}), the canonical {@link io.exatlas.compute.GpuCatalog}, the provider SPI
 * {@link io.exatlas.compute.ComputeProvider} and the facades {@link io.exatlas.compute.ExAtlas} (blocking) and
 * {@link io.exatlas.compute.ReactiveExAtlas}.
 */
@NullMarked
package io.exatlas.compute;

import org.jspecify.annotations.NullMarked;
