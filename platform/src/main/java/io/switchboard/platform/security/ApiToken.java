package io.switchboard.platform.security;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A user's bearer token for the REST API; only its SHA-256 is stored. Always read by its owner's user id. */
@Entity
@Table(name = "api_token")
public class ApiToken {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "user_id", nullable = false)
    private long userId;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(name = "token_sha256", nullable = false, length = 64)
    private String tokenSha256;

    @Column(nullable = false, length = 12)
    private String prefix;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected ApiToken() {
        // for JPA
    }

    public ApiToken(long userId, String name, String tokenSha256, String prefix, Instant createdAt) {
        this.userId = userId;
        this.name = name;
        this.tokenSha256 = tokenSha256;
        this.prefix = prefix;
        this.createdAt = createdAt;
    }

    public Long id() {
        return id;
    }

    public long userId() {
        return userId;
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    public Instant createdAt() {
        return createdAt;
    }
}
