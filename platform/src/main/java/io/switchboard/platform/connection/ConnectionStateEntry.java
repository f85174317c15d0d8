package io.switchboard.platform.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/** One entry of a connection's key-value store (the SPI's {@code KeyValueStore}). Tenant-owned (ADR 0004). */
@Entity
@Table(name = "connection_state")
@IdClass(ConnectionStateEntry.Key.class)
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class ConnectionStateEntry {

    /** Primary key: connection and key. */
    public static class Key implements Serializable {
        private Long connectionId;
        private String stateKey;

        public Key() {
            // for JPA
        }

        public Key(Long connectionId, String stateKey) {
            this.connectionId = connectionId;
            this.stateKey = stateKey;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && java.util.Objects.equals(connectionId, k.connectionId)
                    && java.util.Objects.equals(stateKey, k.stateKey);
        }

        @Override
        public int hashCode() {
            return java.util.Objects.hash(connectionId, stateKey);
        }
    }

    @Id
    @Column(name = "connection_id")
    private Long connectionId;

    @Id
    @Column(name = "state_key", length = 200)
    private String stateKey;

    @Column(name = "state_value", nullable = false, length = 4096)
    private String stateValue;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ConnectionStateEntry() {
        // for JPA
    }

    public ConnectionStateEntry(long connectionId, String stateKey, String stateValue, Instant now) {
        this.connectionId = connectionId;
        this.stateKey = stateKey;
        this.stateValue = stateValue;
        this.updatedAt = now;
    }

    public String value() {
        return stateValue;
    }

    public void replace(String value, Instant now) {
        this.stateValue = value;
        this.updatedAt = now;
    }
}
