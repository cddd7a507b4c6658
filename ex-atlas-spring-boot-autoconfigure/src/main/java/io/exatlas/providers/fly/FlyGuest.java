package io.exatlas.providers.fly;

/**
 * A Fly machine's size.
 *
 * @param cpuKind {@code shared} or {@code performance}
 * @param cpus the number of CPUs
 * @param memoryMb memory in MB, a multiple of 256
 */
public record FlyGuest(String cpuKind, int cpus, int memoryMb) {
}
