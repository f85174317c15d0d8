package io.switchboard.spi.channel;

/** Who wrote a chat message. */
public enum SenderKind {
    CLIENT, AGENT, BOT
}
