/**
 * Ahead-of-time support: the runtime hints a native image of an application using the starter needs.
 */
@NullMarked
package io.exatlas.aot;

import org.jspecify.annotations.NullMarked;
