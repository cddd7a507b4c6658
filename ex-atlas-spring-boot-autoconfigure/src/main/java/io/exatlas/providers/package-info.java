/**
 * The built-in {@link io.exatlas.compute.ComputeProvider} implementations, one package per cloud, and the HTTP
 * plumbing they share ({@code io.exatlas.providers.http}).
 */
@NullMarked
package io.exatlas.providers;

import org.jspecify.annotations.NullMarked;
