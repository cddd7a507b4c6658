/**
 * Auto-configuration of the RunPod provider and its {@code exatlas.providers.runpod.*} properties.
 */
@NullMarked
package io.exatlas.providers.runpod.autoconfigure;

import org.jspecify.annotations.NullMarked;
