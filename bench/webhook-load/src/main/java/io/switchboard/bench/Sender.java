package io.switchboard.bench;

import java.io.IOException;

/**
 * Sends one request and waits for the whole answer. One per virtual user, used by one thread at a time, kept for
 * the whole run so its connection is reused across phases.
 */
interface Sender extends AutoCloseable {

    /**
     * @return the answer
     * @throws IOException no answer: connection refused or reset, timeout, malformed answer
     */
    Answer send(Payloads.Request request) throws IOException, InterruptedException;

    @Override
    void close();

    /**
     * @param status      the HTTP status
     * @param bodyStart   the first bytes of the body (for reporting a non-2xx), possibly empty
     */
    record Answer(int status, byte[] bodyStart) {
    }
}
