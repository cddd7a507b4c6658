/**
 * Helpers the library shares between its features: wire JSON, RFC 3339 parsing, secret redaction, ignored-field
 * warnings, per-key serial executors and quoting of caller input. <strong>Not API</strong>: anything here may change
 * or disappear in any release; applications must not depend on it.
 */
@NullMarked
package io.exatlas.internal;

import org.jspecify.annotations.NullMarked;
