/**
 * Credentials for the HTTP ports of spawned resources: preshared bearer tokens ({@link io.exatlas.auth.PresharedTokens})
 * and signed URLs. Both are byte-compatible with the reference library, so either side may be ExAtlas.
 */
@NullMarked
package io.exatlas.auth;

import org.jspecify.annotations.NullMarked;
