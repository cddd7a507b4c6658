/**
 * Auto-configuration of the Vast.ai provider and its {@code exatlas.providers.vast.*} properties.
 */
@NullMarked
package io.exatlas.providers.vast.autoconfigure;

import org.jspecify.annotations.NullMarked;
