/**
 * Auto-configuration of the Fly.io Machines provider and its {@code exatlas.providers.fly.*} properties.
 */
@NullMarked
package io.exatlas.providers.fly.autoconfigure;

import org.jspecify.annotations.NullMarked;
