package io.switchboard.plugins.usedesk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UsedeskMappingTest {

    @Test
    void plainTextBecomesSafeHtmlWithItsLineBreaks() {
        assertThat(UsedeskMapping.html("Incoming call <missed>\r\nFrom: +7 999 & co\nDuration: 0 s"))
                .isEqualTo("Incoming call &lt;missed&gt;<br>From: +7 999 &amp; co<br>Duration: 0 s");
    }
}
