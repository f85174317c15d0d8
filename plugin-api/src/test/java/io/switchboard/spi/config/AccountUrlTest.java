package io.switchboard.spi.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class AccountUrlTest {

    @Test
    void aNameAHostOrACopiedUrlGiveTheAccountsBase() {
        assertThat(AccountUrl.parse("acme", "zendesk.com")).hasValue(URI.create("https://acme.zendesk.com/"));
        assertThat(AccountUrl.parse(" ACME.planfix.ru ", "planfix.com")).hasValue(URI.create("https://acme.planfix.ru/"));
        assertThat(AccountUrl.parse("https://acme.deskie.io/staff/cases/list?x=1", "deskie.io"))
                .hasValue(URI.create("https://acme.deskie.io/"));
        assertThat(AccountUrl.parse("https://acme.example.com:8443/a", "x.com"))
                .hasValue(URI.create("https://acme.example.com:8443/"));
    }

    @Test
    void plainHttpOnlyOnLoopback() {
        assertThat(AccountUrl.parse("http://acme.zendesk.com", "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("http://localhost:1234/api/", "zendesk.com"))
                .hasValue(URI.create("http://localhost:1234/"));
        assertThat(AccountUrl.parse("http://127.0.0.1:99", "zendesk.com")).hasValue(URI.create("http://127.0.0.1:99/"));
    }

    @Test
    void whatIsNoAddressIsRefused() {
        assertThat(AccountUrl.parse(null, "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("acme corp", "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("https://user:pw@acme.zendesk.com", "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("https://intranet/", "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("ftp://acme.zendesk.com", "zendesk.com")).isEmpty();
        assertThat(AccountUrl.parse("-acme", "zendesk.com")).isEmpty();
    }
}
