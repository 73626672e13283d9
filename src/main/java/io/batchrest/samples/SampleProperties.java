package io.batchrest.samples;

/** Reads the numeric batch properties of the sample jobs, whose defaults the JSL supplies. */
final class SampleProperties {

    private SampleProperties() {
    }

    static int intValue(String name, String value, int defaultValue) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Job parameter " + name + " must be an integer, was: " + value, e);
        }
    }

    /** Sleeps in slices of at most 100 ms so that a stop request is noticed promptly. */
    static boolean sleepUnlessStopped(long millis, java.util.function.BooleanSupplier stopRequested)
            throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (!stopRequested.getAsBoolean()) {
            long remaining = (deadline - System.nanoTime()) / 1_000_000L;
            if (remaining <= 0) {
                return true;
            }
            Thread.sleep(Math.min(100L, remaining));
        }
        return false;
    }
}
