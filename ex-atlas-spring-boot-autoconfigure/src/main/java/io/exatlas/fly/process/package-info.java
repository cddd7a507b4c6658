/**
 * Running the {@code fly} CLI: arguments as a list (never through a shell), bounded output capture, timeouts that
 * kill the whole process tree.
 */
@NullMarked
package io.exatlas.fly.process;

import org.jspecify.annotations.NullMarked;
