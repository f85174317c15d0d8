package io.switchboard.platform.connection;

import io.switchboard.platform.secret.SealedSecret;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Lob;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.eclipse.persistence.annotations.Multitenant;
import org.eclipse.persistence.annotations.MultitenantType;
import org.eclipse.persistence.annotations.TenantDiscriminatorColumn;

/**
 * A tenant's configured instance of a connector. Plain settings are stored as JSON validated against the
 * connector's schema (plugin classes are never entities, so unloading a plugin leaves no JPA metadata behind);
 * secret settings and the inbound URL token are stored encrypted, each with the id of the key used.
 *
 * <p>Tenant-owned: EclipseLink adds {@code tenant_id} to every statement (ADR 0004).
 */
@Entity
@Table(name = "connection")
@Multitenant(MultitenantType.SINGLE_TABLE)
@TenantDiscriminatorColumn(name = "tenant_id")
public class Connection {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    /** Unguessable id used in the connection's inbound URL and in the UI and API. */
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

    @Lob
    @Column(name = "inbound_token_cipher", nullable = false)
    private byte[] inboundTokenCipher;

    @Column(name = "inbound_token_key_id", nullable = false, length = 40)
    private String inboundTokenKeyId;

    @Column(nullable = false)
    private boolean enabled = true;

    @Column(name = "last_check_ok")
    private Boolean lastCheckOk;

    @Column(name = "last_check_message", length = 1000)
    private String lastCheckMessage;

    @Column(name = "last_check_at")
    private Instant lastCheckAt;

    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected Connection() {
        // for JPA
    }

    public Connection(String publicId, String pluginId, String connectorId, String name, SealedSecret inboundToken,
                      Instant now) {
        this.publicId = publicId;
        this.pluginId = pluginId;
        this.connectorId = connectorId;
        this.name = name;
        this.configJson = "{}";
        this.inboundTokenCipher = inboundToken.sealed();
        this.inboundTokenKeyId = inboundToken.keyId();
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Replaces the settings: plain ones as JSON, secret ones sealed (or none). */
    public void configure(String name, String configJson, SealedSecret secrets, Instant now) {
        this.name = name;
        this.configJson = configJson;
        this.secretsCipher = secrets == null ? null : secrets.sealed();
        this.secretsKeyId = secrets == null ? null : secrets.keyId();
        this.updatedAt = now;
    }

    /** Replaces the plain settings only (the keys of an API-keys field changed); secrets stay as they are. */
    public void replacePlainSettings(String configJson, Instant now) {
        this.configJson = configJson;
        this.updatedAt = now;
    }

    /** Sets the tenant's own request-rate limit (requests a minute), or {@code null} for the connector's. */
    public void limitRequests(Integer perMinute, Instant now) {
        this.requestsPerMinute = perMinute;
        this.updatedAt = now;
    }

    /** @return the tenant's own request-rate limit (requests a minute), or {@code null} */
    public Integer requestsPerMinute() {
        return requestsPerMinute;
    }

    /** Replaces the inbound URL token. */
    public void replaceInboundToken(SealedSecret token, Instant now) {
        this.inboundTokenCipher = token.sealed();
        this.inboundTokenKeyId = token.keyId();
        this.updatedAt = now;
    }

    /** Records the outcome of "check connection". */
    public void checked(boolean ok, String message, Instant at) {
        this.lastCheckOk = ok;
        this.lastCheckMessage = message.length() > 1000 ? message.substring(0, 1000) : message;
        this.lastCheckAt = at;
    }

    public Long id() {
        return id;
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

    /** @return the sealed secret settings, or {@code null} when the connection has none */
    public SealedSecret secrets() {
        return secretsCipher == null ? null : new SealedSecret(secretsKeyId, secretsCipher);
    }

    public SealedSecret inboundToken() {
        return new SealedSecret(inboundTokenKeyId, inboundTokenCipher);
    }

    public boolean enabled() {
        return enabled;
    }

    public Boolean lastCheckOk() {
        return lastCheckOk;
    }

    public String lastCheckMessage() {
        return lastCheckMessage;
    }

    public Instant lastCheckAt() {
        return lastCheckAt;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }
}
