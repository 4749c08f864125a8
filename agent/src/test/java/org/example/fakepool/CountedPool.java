package org.example.fakepool;

/** A fake pool that counts the acquires the application made on it: what the recorder must count too. */
public interface CountedPool {

    String name();

    /** Calls of the application into the pool's acquire, whatever their outcome. */
    long acquireCalls();
}
