package io.switchboard.plugins.chatra;

/**
 * The conversation id the plugin gives a Chatra chat: {@code <client id>:<chat id>}. Chatra's API addresses a chat
 * only through its visitor ({@code clientId}), while a chat's events name the chat too; carrying both lets
 * {@code postMessage} answer without a lookup (Chatra has none from chat to visitor). Chatra's own ids have no
 * {@code :}; a site's own {@code clientId} might, so the chat id is what follows the last one.
 */
final class ChatraConversation {

    private ChatraConversation() {
    }

    /** @return {@code clientId:chatId}, or {@code clientId} when there is no chat id */
    static String of(String clientId, String chatId) {
        return chatId == null ? clientId : clientId + ":" + chatId;
    }

    /** @return the client (visitor) id of a conversation id; a conversation id without {@code :} is a client id */
    static String clientId(String conversationId) {
        int colon = conversationId.lastIndexOf(':');
        return colon < 0 ? conversationId : conversationId.substring(0, colon);
    }

    /** @return the chat id of a conversation id, or {@code null} */
    static String chatId(String conversationId) {
        int colon = conversationId.lastIndexOf(':');
        return colon < 0 ? null : conversationId.substring(colon + 1);
    }
}
