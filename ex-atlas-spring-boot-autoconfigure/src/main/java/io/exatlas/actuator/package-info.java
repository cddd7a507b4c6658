/**
 * Actuator endpoints: small read-only descriptors of the library's state, with write operations that default to
 * read-only access (enable them with {@code management.endpoint.<id>.access=unrestricted}).
 */
@NullMarked
package io.exatlas.actuator;

import org.jspecify.annotations.NullMarked;
