/**
 * Start-up diagnostics: Spring Boot failure analyzers that turn the library's configuration errors into an
 * "APPLICATION FAILED TO START" report naming the property and the fix.
 */
@NullMarked
package io.exatlas.diagnostics;

import org.jspecify.annotations.NullMarked;
