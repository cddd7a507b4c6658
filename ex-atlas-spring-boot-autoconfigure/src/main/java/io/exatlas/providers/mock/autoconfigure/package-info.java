/**
 * Auto-configuration of the in-memory mock provider and its {@code exatlas.providers.mock.*} properties.
 */
@NullMarked
package io.exatlas.providers.mock.autoconfigure;

import org.jspecify.annotations.NullMarked;
