package io.switchboard.platform.ui;

import io.switchboard.platform.security.ApiToken;
import io.switchboard.platform.security.ApiTokens;
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
    private ApiTokens tokens;
    @Inject
    private Me me;

    private String name;
    private String issuedValue;

    public List<ApiToken> getTokens() {
        return tokens.of(me.userId());
    }

    public String create() {
        issuedValue = tokens.issue(me.userId(), name).value();
        name = null;
        return null;
    }

    public String revoke(long tokenId) {
        if (tokens.revoke(me.userId(), tokenId)) {
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
