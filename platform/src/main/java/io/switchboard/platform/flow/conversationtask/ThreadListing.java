package io.switchboard.platform.flow.conversationtask;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.switchboard.platform.connection.Connection;
import io.switchboard.platform.connection.ConnectionRuntime;
import io.switchboard.platform.flow.ExternalLink;
import io.switchboard.platform.flow.FlowDefinition;
import io.switchboard.platform.inbound.InboundQuestions;
import io.switchboard.platform.persistence.TenantEntityManager;
import io.switchboard.platform.plugin.LoadedConnector;
import io.switchboard.platform.plugin.PluginHost;
import io.switchboard.spi.Capability;
import io.switchboard.spi.ConnectorContext;
import io.switchboard.spi.channel.ChannelConnector;
import io.switchboard.spi.error.ConnectorException;
import io.switchboard.spi.helpdesk.AuthorKind;
import io.switchboard.spi.helpdesk.HelpdeskConnector;
import io.switchboard.spi.helpdesk.TicketComment;
import io.switchboard.spi.inbound.InboundRequest;
import io.switchboard.spi.inbound.InboundResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET <inbound URL>?thread=<id>} on a channel that shows the customer their thread
 * ({@link Capability#CUSTOMER_REPLIES}: the customer's own website): answered at once with the thread as the
 * helpdesk keeps it — the conversation ↔ task flow's case for that thread ({@code conversation-task} link), its
 * public comments oldest first ({@link HelpdeskConnector#listComments}). The helpdesk is the one record of the
 * thread, so the site shows what agents see, e-mail replies included. The channel connector has checked the site's
 * API key ({@code verify}) before this is asked. A thread this connection never saw is 404, as is one of another
 * connection or tenant.
 */
@ApplicationScoped
public class ThreadListing implements InboundQuestions {

    /** The newest comments a listing shows. */
    static final int MAX_COMMENTS = 200;
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    private TenantEntityManager tenantData;
    @Inject
    private PluginHost plugins;
    @Inject
    private ConnectionRuntime connections;

    @Override
    @ActivateRequestContext
    public Optional<InboundResponse> answer(long tenantId, long connectionId, LoadedConnector connector,
                                            InboundRequest request, ConnectorContext context) {
        if (!"GET".equals(request.method()) || !(connector.connector() instanceof ChannelConnector)
                || !connector.descriptor().capabilities().contains(Capability.CUSTOMER_REPLIES)) {
            return Optional.empty();
        }
        Optional<String> thread = request.queryParam("thread").map(String::strip).filter(t -> !t.isEmpty());
        if (thread.isEmpty()) {
            return Optional.of(error(400, "Name the thread: ?thread=<id>"));
        }
        tenantData.bind(tenantId);
        List<FlowDefinition> flows = tenantData.em().createQuery("SELECT f FROM FlowDefinition f WHERE "
                        + "f.sourceConnectionId = :source AND f.enabled = TRUE AND f.flowType = :type ORDER BY f.id",
                        FlowDefinition.class)
                .setParameter("source", connectionId).setParameter("type", ConversationToTaskFlow.ID).getResultList();
        for (FlowDefinition flow : flows) {
            Optional<String> task = tenantData.em().createQuery("SELECT l FROM ExternalLink l WHERE l.flowId = :flow "
                            + "AND l.kind = :kind AND l.sourceRef = :source", ExternalLink.class)
                    .setParameter("flow", flow.id()).setParameter("kind", TaskThread.LINK_CONVERSATION_TASK)
                    .setParameter("source", thread.get()).getResultList().stream().findFirst()
                    .map(ExternalLink::targetRef);
            if (task.isEmpty()) {
                continue;
            }
            Connection target = tenantData.em().find(Connection.class, flow.targetConnectionId());
            Optional<LoadedConnector> helpdesk = target == null ? Optional.empty()
                    : plugins.connector(target.connectorId());
            if (helpdesk.isEmpty() || !helpdesk.get().descriptor().capabilities().contains(Capability.COMMENT_LIST)) {
                return Optional.of(error(501, "The helpdesk of this thread cannot list its messages"));
            }
            ConnectorContext targetContext = connections.contextOf(target);
            try {
                List<TicketComment> comments = helpdesk.get().call(c ->
                        ((HelpdeskConnector) c).listComments(task.get(), MAX_COMMENTS, targetContext));
                return Optional.of(listing(thread.get(), comments));
            } catch (ConnectorException e) {
                return Optional.of(new InboundResponse(503, "application/json", errorJson(503,
                        "The helpdesk could not be asked right now; try again later"), Map.of("Retry-After", "30")));
            }
        }
        return Optional.of(error(404, "No such thread"));
    }

    private static InboundResponse listing(String thread, List<TicketComment> comments) {
        ObjectNode root = JSON.createObjectNode().put("thread", thread);
        ArrayNode messages = root.putArray("messages");
        for (TicketComment c : comments) {
            if (c.internal() || c.author() == AuthorKind.SYSTEM) {
                continue;
            }
            ObjectNode m = messages.addObject().put("id", c.id()).put("text", c.body());
            ObjectNode author = m.putObject("author").put("type", c.author() == AuthorKind.CLIENT ? "customer" : "agent");
            if (c.authorName() != null) {
                author.put("name", c.authorName());
            }
            if (c.createdAt() != null) {
                m.put("created_at", c.createdAt().toString());
            }
        }
        return InboundResponse.json(root.toString());
    }

    private static InboundResponse error(int status, String message) {
        return new InboundResponse(status, "application/json", errorJson(status, message), Map.of());
    }

    private static String errorJson(int status, String message) {
        return JSON.createObjectNode().put("status", status).put("message", message).toString();
    }
}
