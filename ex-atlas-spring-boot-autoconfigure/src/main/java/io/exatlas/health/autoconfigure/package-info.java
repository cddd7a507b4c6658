/**
 * Auto-configuration of the starter's health contributor, {@code exatlas}.
 */
@NullMarked
package io.exatlas.health.autoconfigure;

import org.jspecify.annotations.NullMarked;
