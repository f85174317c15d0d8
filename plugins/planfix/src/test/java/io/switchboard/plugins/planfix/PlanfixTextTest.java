package io.switchboard.plugins.planfix;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.helpdesk.TicketStatus;
import org.junit.jupiter.api.Test;

/** The wire-format helpers: HTML both ways, person references, numbers typed as floats, status meanings. */
class PlanfixTextTest {

    @Test
    void plainTextBecomesHtmlAndBack() {
        String text = "Price < 5 & \"cheap\"\nsecond line";
        assertThat(PlanfixText.html(text)).isEqualTo("Price &lt; 5 &amp; &quot;cheap&quot;<br>second line");
        assertThat(PlanfixText.plain(PlanfixText.html(text))).isEqualTo(text);
        assertThat(PlanfixText.plain("<p>One</p><p>Two&nbsp;&amp;&lt;b&gt;</p>")).isEqualTo("One\nTwo &<b>");
    }

    @Test
    void personReferencesAndIdsAreNormalised() {
        assertThat(PlanfixText.person(PlanfixText.USER, "5")).isEqualTo("user:5");
        assertThat(PlanfixText.person(PlanfixText.CONTACT, "contact:10")).isEqualTo("contact:10");
        assertThat(PlanfixText.bareId("user:5")).isEqualTo("5");
        assertThat(PlanfixText.bareId(" 7 ")).isEqualTo("7");
        assertThat(PlanfixText.ref("41").path("id").isNumber()).isTrue();
        // The OpenAPI spec types created ids as numbers (float): 98765.0 is task 98765.
        assertThat(PlanfixText.text(PlanfixText.JSON.getNodeFactory().numberNode(98765.0))).isEqualTo("98765");
        assertThat(PlanfixText.lastTen("+7 (999) 000-11-22")).isEqualTo("9990001122");
    }

    @Test
    void statusMeaningsFollowNameThenActivityThenDefaultIds() {
        assertThat(PlanfixStatuses.meaning("3", "Completed", false)).isEqualTo(TicketStatus.CLOSED);
        assertThat(PlanfixStatuses.meaning("99", "Завершенная", null)).isEqualTo(TicketStatus.CLOSED);
        assertThat(PlanfixStatuses.meaning("6", "Выполненная", false)).isEqualTo(TicketStatus.RESOLVED);
        assertThat(PlanfixStatuses.meaning("12", "Archived", false)).isEqualTo(TicketStatus.CLOSED);
        assertThat(PlanfixStatuses.meaning("12", "Waiting for the client", true)).isEqualTo(TicketStatus.OPEN);
        assertThat(PlanfixStatuses.meaning("3", null, null)).isEqualTo(TicketStatus.CLOSED);
        assertThat(PlanfixStatuses.meaning("1", null, null)).isEqualTo(TicketStatus.NEW);
        assertThat(PlanfixStatuses.meaning("77", null, null)).isEqualTo(TicketStatus.OPEN);
    }
}
