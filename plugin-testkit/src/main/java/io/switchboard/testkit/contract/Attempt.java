package io.switchboard.testkit.contract;

/** Something the suites try and then judge by what it threw. */
@FunctionalInterface
interface Attempt {
    void run() throws Exception;
}
