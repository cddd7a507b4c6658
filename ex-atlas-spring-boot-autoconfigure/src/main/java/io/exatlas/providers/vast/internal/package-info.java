/**
 * Vast.ai wire translation: a request is translated once into a validated spec, and the wire bodies are built from
 * it; responses are read back as portable resources. <strong>Not API</strong>.
 */
@NullMarked
package io.exatlas.providers.vast.internal;

import org.jspecify.annotations.NullMarked;
