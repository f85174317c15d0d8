package io.switchboard.plugins.usedesk;

import static org.assertj.core.api.Assertions.assertThat;

import io.switchboard.spi.ParsedEvents;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.testkit.TestConnectorContext;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Webhook parsing with payloads shaped as Usedesk documents them (README, "Vendor facts"). No network. */
class UsedeskEventsTest {

    private final UsedeskConnector connector = new UsedeskConnector();
    private final TestConnectorContext context = TestConnectorContext.with(Map.of("api_token", "s", "region", "ru"));

    private ParsedEvents<HelpdeskEvent> parse(String json) {
        return connector.parse(request("application/json", json), context);
    }

    @Test
    void newTicketWithNumbersAsStringsAndCustomFieldsInsideTheTicket() {
        ParsedEvents<HelpdeskEvent> parsed = parse("""
                {"secret":"s","ticket":{"id":"2261907","status_id":"1","subject":"First msg","client_id":"242630",
                 "assignee_id":null,"group":"0","channel_id":"1201","additional_id":"123Ca344",
                 "message":"Hello, I need help","files":[],"custom_fields":[{"id":54,"name":"Segment","value":null}]},
                 "client":{"id":242630,"name":"Jon","emails":[{"email":"jon@example.com","client_id":242630}]}}""");
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketCreated("ticket:2261907", "2261907",
                "123Ca344", "242630", "First msg"));
        assertThat(parsed.notes()).isEmpty();
    }

    @Test
    void newTicketWithCustomFieldsAtTheTopLevelAndTheClientOnlyInTheClientObject() {
        ParsedEvents<HelpdeskEvent> parsed = parse("""
                {"secret":"s","ticket":{"id":2261908,"subject":"Hi"},"client":{"id":242630,"name":"Jon"},
                 "custom_fields":[{"id":54,"name":"Segment","value":"VIP"}],"custom_blocks":[]}""");
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketCreated("ticket:2261908", "2261908",
                null, "242630", "Hi"));
    }

    @Test
    void commentFromTheClient() {
        ParsedEvents<HelpdeskEvent> parsed = parse("""
                {"secret":"s","comment":{"id":112233446,"message":"Any news?<br>Line &amp; two","from":"client",
                 "type":"public","user_id":null,"client_id":242630,"ticket_id":2261907,"is_first":0},
                 "client":{"id":242630,"name":"Jon","emails":[{"email":"jon@example.com"}],"phones":[]},
                 "custom_fields":[],"assignee_id":545}""");
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.CommentAdded("comment:112233446", "2261907",
                "112233446", "Any news?\nLine & two", false, AuthorKind.CLIENT, "242630", "jon@example.com", "Jon"));
    }

    @Test
    void privateCommentOfAnAgentAndOneOfARule() {
        assertThat(parse("""
                {"comment":{"id":"7","message":"<p>Note</p>","from":"user","type":"private","user_id":"545",
                 "client_id":242630,"ticket_id":"9"},"client":{"id":242630,"name":"Jon"}}""").events())
                .containsExactly(new HelpdeskEvent.CommentAdded("comment:7", "9", "7", "Note", true, AuthorKind.AGENT,
                        "545", null, null));
        assertThat(parse("""
                {"comment":{"id":8,"message":"Auto","from":"trigger","type":"public","user_id":null,"ticket_id":9}}
                """).events()).containsExactly(new HelpdeskEvent.CommentAdded("comment:8", "9", "8", "Auto", false,
                AuthorKind.SYSTEM, null, null, null));
    }

    @Test
    void changeUnderTriggerByAPerson() {
        ParsedEvents<HelpdeskEvent> parsed = parse("""
                {"secret":"s","trigger":{"id":99887766,"trigger_id":null,"user_id":545,"ticket_id":2261907,
                 "data":[{"target":"status_id","value":2,"old_value":1},{"target":"assignee_id","value":545},
                         {"target":"new_tags","value":"vip"}],
                 "changed_at":"2024-05-02 12:00:00","old_status":1,"new_status":2,"company_id":153561},
                 "custom_fields":[],"client":{"id":242630,"name":"Jon"},"assignee_id":545}""");
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged("trigger:99887766", "2261907",
                "1", "2", TicketStatus.RESOLVED, "545", false, false));
        assertThat(parsed.notes()).containsExactly("Usedesk change targets not forwarded: new_tags.");
    }

    @Test
    void flatChangeWithAReplyByARule() {
        ParsedEvents<HelpdeskEvent> parsed = parse("""
                {"secret":"s","id":"5","trigger_id":"77","user_id":null,"ticket_id":"2261907",
                 "data":[{"target":"comment_from_agent","value":"Done"}],"old_status":"1","new_status":"6"}""");
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged("trigger:5", "2261907", "1", "6",
                TicketStatus.PENDING, null, true, true));
        assertThat(parsed.notes()).isEmpty();
    }

    @Test
    void changeWithoutAUserIsAutomaticAndWithoutStatusChangeHasNoStatus() {
        assertThat(parse("""
                {"trigger":{"id":1,"ticket_id":2,"data":[{"target":"subject","value":"x"}],
                 "old_status":8,"new_status":8}}""").events())
                .containsExactly(new HelpdeskEvent.TicketChanged("trigger:1", "2", null, null, null, null, false,
                        true));
    }

    @Test
    void formBodiesReadLikeJson() {
        ParsedEvents<HelpdeskEvent> parsed = connector.parse(request("application/x-www-form-urlencoded",
                "secret=s&trigger%5Bid%5D=3&trigger%5Buser_id%5D=545&trigger%5Bticket_id%5D=9"
                        + "&trigger%5Bdata%5D%5B0%5D%5Btarget%5D=status_id&trigger%5Bdata%5D%5B0%5D%5Bvalue%5D=3"
                        + "&trigger%5Bdata%5D%5B0%5D%5Bold_value%5D=1"), context);
        assertThat(parsed.events()).containsExactly(new HelpdeskEvent.TicketChanged("trigger:3", "9", "1", "3",
                TicketStatus.CLOSED, null, false, false));
    }

    @Test
    void chatAndRatingEventsAreSkippedWithANote() {
        ParsedEvents<HelpdeskEvent> chat = parse("{\"secret\":\"s\",\"chat_id\":42,\"ticket\":{\"id\":1}}");
        assertThat(chat.events()).isEmpty();
        assertThat(chat.notes()).singleElement().asString().contains("chat event (chat 42)");

        ParsedEvents<HelpdeskEvent> csi = parse("{\"secret\":\"s\",\"csi\":{\"id\":5,\"ticket_id\":2261907,"
                + "\"rating\":5}}");
        assertThat(csi.events()).isEmpty();
        assertThat(csi.notes()).singleElement().asString().contains("satisfaction rating (CSI) for ticket 2261907");

        assertThat(parse("{\"secret\":\"s\"}").notes()).hasSize(1);
    }

    @Test
    void notesNeverCarryTheSecret() {
        ParsedEvents<HelpdeskEvent> parsed = parse("{\"secret\":\"TOPSECRET\",\"csi\":{\"ticket_id\":1}}");
        assertThat(String.join(" ", parsed.notes())).doesNotContain("TOPSECRET");
    }

    private static InboundRequest request(String type, String body) {
        return new InboundRequest("POST", Map.of("Content-Type", List.of(type)), Map.of(),
                body.getBytes(StandardCharsets.UTF_8), Instant.EPOCH);
    }
}
