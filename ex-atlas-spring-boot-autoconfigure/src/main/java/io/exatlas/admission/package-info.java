/**
 * Admission control: an ordered chain of {@link io.exatlas.admission.SpawnPolicy spawn policies} evaluated before
 * every session spawn and every placement attempt. A rejection is an
 * {@link io.exatlas.ErrorKind#REJECTED} error and an {@link io.exatlas.admission.AdmissionRejectedEvent}, and nothing
 * is sent to a cloud.
 */
@NullMarked
package io.exatlas.admission;

import org.jspecify.annotations.NullMarked;
