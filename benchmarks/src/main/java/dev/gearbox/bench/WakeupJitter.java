package dev.gearbox.bench;

import java.util.Arrays;
import java.util.concurrent.locks.LockSupport;

/**
 * How late a parked thread wakes on this machine: the floor under any round-trip percentile, since one ext_proc
 * exchange wakes about five threads (driver and router event loops, twice each, and the driver's ticker).
 * {@code java -cp benchmarks/target/benchmarks.jar dev.gearbox.bench.WakeupJitter [samples]}
 */
public final class WakeupJitter {
  private static final long PARK_NANOS = 500_000;

  private WakeupJitter() {
  }

  public static void main(String[] args) {
    int samples = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
    long[] late = new long[samples];
    for (int i = 0; i < samples; i++) {
      long start = System.nanoTime();
      LockSupport.parkNanos(PARK_NANOS);
      late[i] = System.nanoTime() - start - PARK_NANOS;
    }
    Arrays.sort(late);
    System.out.printf("late wake-up after a %d µs park, µs: p50 %d  p90 %d  p99 %d  p99.9 %d  max %d%n",
        PARK_NANOS / 1000, at(late, 0.5), at(late, 0.9), at(late, 0.99), at(late, 0.999), late[samples - 1] / 1000);
  }

  private static long at(long[] sorted, double quantile) {
    return sorted[(int) Math.min(sorted.length - 1, quantile * sorted.length)] / 1000;
  }
}
