package io.switchboard.spi.inbound;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code application/x-www-form-urlencoded} names and values as vendors send them, decoded leniently like the
 * platform decodes query strings: a part with a malformed {@code %}-escape (a stray {@code %}, {@code %zz}, a cut
 * escape) keeps its raw text instead of failing the whole request, so one broken pair costs neither the others nor
 * the event.
 */
final class FormEncoding {

    private FormEncoding() {
    }

    /** @return the decoded text, or the text as it is when it holds a malformed escape */
    static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException malformed) {
            return text;
        }
    }
}
