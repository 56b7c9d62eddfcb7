package dev.jclaw.api.gateway;

import java.util.Objects;

/**
 * Who a request acts for, as authenticated by the host: a user with a tier ceiling, possibly an admin.
 *
 * @param id the user
 * @param admin whether the user may see and answer for every user's conversations and run admin commands
 * @param tier the user's ceiling for write-class tools
 * @since 1.3
 */
public record Principal(UserId id, boolean admin, Tier tier) {

    /** Checks the fields. */
    public Principal {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(tier, "tier");
    }

    /**
     * Returns this principal with its tier lowered for one turn.
     *
     * @param asked the tier a request, channel or MCP server asks for
     * @return the principal with the lower of its tier and {@code asked}
     */
    public Principal lowered(Tier asked) {
        return new Principal(id, admin, tier.min(asked));
    }
}
