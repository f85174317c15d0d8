package io.switchboard.platform.pipeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * An inbox event as the tenant's activity log reads it (the raw request is not mapped). Written by the receiver and
 * the workers with SQL; through JPA only read and replayed. Tenant-owned (ADR 0004).
 */
@Entity
@Table(name = "inbox_event")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class InboxEvent {

    @Id
    private Long id;

    @Column(name = "connection_id")
    private long connectionId;

    @Column(name = "received_at")
    private Instant receivedAt;

    @Column(name = "dedup_key")
    private String dedupKey;

    @Column(name = "ordering_key")
    private String orderingKey;

    @Column(name = "state")
    private String state;

    @Column(name = "attempts")
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "summary")
    private String summary;

    @Column(name = "result_json")
    private String resultJson;

    @Column(name = "finished_at")
    private Instant finishedAt;

    protected InboxEvent() {
        // for JPA
    }

    /** Puts a finished event back into the queue, to be processed again now. */
    public void replay(Instant now) {
        this.state = InboxQueue.State.RECEIVED.name();
        this.attempts = 0;
        this.nextAttemptAt = now;
        this.finishedAt = null;
    }

    public Long id() {
        return id;
    }

    public long connectionId() {
        return connectionId;
    }

    public Instant receivedAt() {
        return receivedAt;
    }

    public String dedupKey() {
        return dedupKey;
    }

    public String orderingKey() {
        return orderingKey;
    }

    public String state() {
        return state;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return nextAttemptAt;
    }

    public String lastError() {
        return lastError;
    }

    public String summary() {
        return summary;
    }

    public String resultJson() {
        return resultJson;
    }

    public Instant finishedAt() {
        return finishedAt;
    }
}
