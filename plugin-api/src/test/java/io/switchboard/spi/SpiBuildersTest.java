package io.switchboard.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.switchboard.spi.channel.ChannelEvent;
import io.switchboard.spi.channel.Contact;
import io.switchboard.spi.channel.OutgoingMessage;
import io.switchboard.spi.channel.SenderKind;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.ClientDraft;
import io.switchboard.spi.helpdesk.CommentDraft;
import io.switchboard.spi.helpdesk.HelpdeskEvent;
import io.switchboard.spi.helpdesk.TicketDraft;
import io.switchboard.spi.helpdesk.TicketPriority;
import io.switchboard.spi.helpdesk.TicketStatus;
import io.switchboard.spi.helpdesk.TicketType;
import io.switchboard.spi.helpdesk.TicketUpdate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The builders of SPI 1.4 make exactly what the canonical constructors make (which stay, for compatibility). */
class SpiBuildersTest {

    @Test
    void aTicketDraftByNameEqualsTheOneByPosition() {
        TicketDraft byPosition = new TicketDraft("Call", "text", true, "c1", "o1", TicketType.QUESTION,
                TicketPriority.HIGH, "s1", List.of("t"), "a1", List.of("p1"), "tpl", Map.of("f", "v"), "key");

        TicketDraft byName = TicketDraft.builder("Call").body("text").bodyInternal(true).clientId("c1")
                .organizationId("o1").type(TicketType.QUESTION).priority(TicketPriority.HIGH).statusId("s1")
                .tags(List.of("t")).assigneeId("a1").participantIds(List.of("p1")).templateId("tpl")
                .customFields(Map.of("f", "v")).externalId("key").build();

        assertThat(byName).isEqualTo(byPosition);
        assertThat(TicketDraft.builder("Only a subject").build())
                .isEqualTo(new TicketDraft("Only a subject", null, false, null, null, null, null, null, null, null,
                        null, null, null, null));
        assertThatThrownBy(() -> TicketDraft.builder(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void clientCommentAndUpdateDraftsByName() {
        assertThat(ClientDraft.builder().name("Ann").emails(List.of("a@b.c")).phones(List.of("+1"))
                .organizationId("o").customFields(Map.of("f", "v")).externalId("k").templateId("t").build())
                .isEqualTo(new ClientDraft("Ann", List.of("a@b.c"), List.of("+1"), "o", Map.of("f", "v"), "k", "t"));
        assertThat(CommentDraft.builder("hi").internal(true).authorAgentId("7").fromClient(true).externalId("k")
                .build()).isEqualTo(new CommentDraft("hi", true, "7", true, "k"));
        assertThat(TicketUpdate.builder().assigneeId("a").statusId("s").priority(TicketPriority.LOW)
                .addTags(List.of("x")).customFields(Map.of("f", "v")).build())
                .isEqualTo(new TicketUpdate("a", "s", TicketPriority.LOW, List.of("x"), Map.of("f", "v")));
    }

    @Test
    void outgoingMessagesAndHelpdeskEventsByName() {
        assertThat(OutgoingMessage.builder("reply").operatorsOnly(true).asAgentEmail("a@b.c").asBot(true)
                .externalId("k").fromCustomer(true).authorName("Ann").build())
                .isEqualTo(new OutgoingMessage("reply", true, "a@b.c", true, "k", true, "Ann"));
        assertThat(OutgoingMessage.builder("reply").build())
                .isEqualTo(new OutgoingMessage("reply", false, null, false, null));

        assertThat(HelpdeskEvent.CommentAdded.builder("e", "t", "c").body("b").internal(true)
                .author(AuthorKind.AGENT).authorId("7").authorEmail("a@b.c").authorName("Ann").build())
                .isEqualTo(new HelpdeskEvent.CommentAdded("e", "t", "c", "b", true, AuthorKind.AGENT, "7", "a@b.c",
                        "Ann"));
        assertThat(HelpdeskEvent.TicketChanged.builder("e", "t").oldStatusId("1").newStatusId("2")
                .newStatus(TicketStatus.RESOLVED).newAssigneeId("a").withReply(true).byAutomation(true).build())
                .isEqualTo(new HelpdeskEvent.TicketChanged("e", "t", "1", "2", TicketStatus.RESOLVED, "a", true, true));
    }

    @Test
    void channelEventsByName() {
        Contact ann = new Contact("l1", "Ann", "a@b.c", null, null, java.util.Map.of());
        assertThat(ChannelEvent.MessageReceived.builder("e", "c", "m").sender(SenderKind.AGENT).agentEmail("x@y.z")
                .contact(ann).text("hi").build())
                .isEqualTo(new ChannelEvent.MessageReceived("e", "c", "m", SenderKind.AGENT, "x@y.z", ann, "hi"));
        assertThat(ChannelEvent.SlashCommand.builder("e", "c", "usedesk").conversationUrl("u").argument("call back")
                .agentEmail("x@y.z").contact(ann).site("s").build())
                .isEqualTo(new ChannelEvent.SlashCommand("e", "c", "u", "usedesk", "call back", "x@y.z", ann, "s"));
        assertThat(ChannelEvent.SlashCommand.builder("e", "c", "usedesk").build().argument()).isEmpty();
    }
}
