/**
 * Placement: "this GPU, anywhere, cheapest first". Live {@link io.exatlas.compute.Offer offers} from every provider
 * that publishes them, kept in an {@link io.exatlas.placement.OfferCache} that never stampedes a cloud; a ranked
 * {@link io.exatlas.placement.PlacementPlan} for a request and a {@link io.exatlas.placement.PlacementPolicy} (a dry
 * run); and {@link io.exatlas.placement.ReactiveComputePlacement#place place}, which walks the plan and moves to the
 * next offer on a capacity or quota error only.
 */
@NullMarked
package io.exatlas.placement;

import org.jspecify.annotations.NullMarked;
