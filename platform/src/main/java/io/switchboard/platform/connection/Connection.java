package io.switchboard.platform.connection;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A tenant's configured instance of a connector. Plain settings are stored as JSON validated against the
 * connector's schema (plugin classes are never entities, so unloading a plugin leaves no JPA metadata behind);
 * secret settings are stored encrypted, with the id of the key used.
 */
@Entity
@Table(name = "connection")
public class Connection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "tenant_id", nullable = false)
    private Long tenantId;

    /** Unguessable id used in the connection's inbound URL. */
    @Column(name = "public_id", nullable = false, unique = true, length = 40)
    private String publicId;

    @Column(name = "plugin_id", nullable = false, length = 100)
    private String pluginId;

    @Column(name = "connector_id", nullable = false, length = 100)
    private String connectorId;

    @Column(nullable = false, length = 200)
    private String name;

    @Lob
    @Column(name = "config_json", nullable = false)
    private String configJson;

    @Lob
    @Column(name = "secrets_cipher")
    private byte[] secretsCipher;

    @Column(name = "secrets_key_id", length = 40)
    private String secretsKeyId;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Connection() {
        // for JPA
    }

    public Connection(Long tenantId, String publicId, String pluginId, String connectorId, String name,
                      String configJson, Instant now) {
        this.tenantId = tenantId;
        this.publicId = publicId;
        this.pluginId = pluginId;
        this.connectorId = connectorId;
        this.name = name;
        this.configJson = configJson;
        this.createdAt = now;
        this.updatedAt = now;
    }

    public Long id() {
        return id;
    }

    public Long tenantId() {
        return tenantId;
    }

    public String publicId() {
        return publicId;
    }

    public String pluginId() {
        return pluginId;
    }

    public String connectorId() {
        return connectorId;
    }

    public String name() {
        return name;
    }

    public String configJson() {
        return configJson;
    }

    public boolean enabled() {
        return enabled;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }
}
