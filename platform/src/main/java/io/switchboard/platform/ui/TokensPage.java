package io.switchboard.platform.ui;

import io.switchboard.platform.security.ApiToken;
import io.switchboard.platform.security.ApiTokens;
import io.switchboard.platform.security.CallerAccess;
import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;

/** Anyone signed in: their own API tokens. A new token's value is shown once, right after it is made. */
@Named
@ViewScoped
public class TokensPage implements Serializable {

    private static final long serialVersionUID = 1L;

    @Inject
    private CallerAccess access;
    @Inject
    private ApiTokens tokens;

    private String name;
    private String issuedValue;

    /** Checked again here, not only by path in the authentication mechanism (ADR 0004, "Where access is decided"). */
    @PostConstruct
    void checkCaller() {
        access.requireSignedIn();
    }

    public List<ApiToken> getTokens() {
        return tokens.mine();
    }

    public String create() {
        issuedValue = tokens.issueMine(name).value();
        name = null;
        return null;
    }

    public String revoke(long tokenId) {
        if (tokens.revokeMine(tokenId)) {
            Problems.info("Token revoked.");
        }
        return "/account/tokens.xhtml?faces-redirect=true";
    }

    public String getIssuedValue() {
        return issuedValue;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }
}
