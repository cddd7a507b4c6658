/**
 * Auto-configuration of the compute core: event publisher, GPU catalog, provider registry, the facades and the shared
 * HTTP plumbing, with the {@code exatlas.*} core properties.
 */
@NullMarked
package io.exatlas.compute.autoconfigure;

import org.jspecify.annotations.NullMarked;
