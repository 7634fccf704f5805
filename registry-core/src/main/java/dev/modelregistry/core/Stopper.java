package dev.modelregistry.core;

/**
 * A stop signal that background threads wait on instead of being interrupted (an interrupt can
 * close the file channels an embedded database is using). Thread-safe.
 */
final class Stopper {

    private boolean stopped;

    /** Whether {@link #stop()} has not been called. */
    synchronized boolean running() {
        return !stopped;
    }

    /** Waits up to {@code millis}, or less if stopped meanwhile; returns whether still running. */
    synchronized boolean sleep(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long left = millis;
        while (!stopped && left > 0) {
            try {
                wait(left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            left = (end - System.nanoTime()) / 1_000_000;
        }
        return !stopped;
    }

    /** Stops every waiter at once. Idempotent. */
    synchronized void stop() {
        stopped = true;
        notifyAll();
    }
}
