package dev.jclaw.server.http;

import dev.jclaw.server.auth.Actor;
import dev.jclaw.server.auth.Authentication;
import dev.jclaw.server.auth.Authenticator;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.util.Optional;

/**
 * How the identity and conversation routes authenticate a request and answer a refusal: 401 with
 * {@code WWW-Authenticate}. The running server's local token is accepted as the terminal's principal (an admin), so
 * that {@code jclaw users|keys|audit} work beside the server as they do without it.
 */
final class RequestAuth {
    private RequestAuth() {
    }

    /**
     * Authenticates a request, answering 401 when its credentials are refused.
     *
     * @return the principal and credential, or empty when answered
     */
    static Optional<Authentication.Authenticated> authenticate(Authenticator authenticator, ServerRequest req,
                                                               ServerResponse res) {
        return switch (authenticator.authenticateTerminal(req.headers().first(HeaderNames.AUTHORIZATION))) {
            case Authentication.Authenticated a -> Optional.of(a);
            case Authentication.Refused r -> {
                res.header("WWW-Authenticate", "Bearer realm=\"jclaw\"");
                JsonResponses.error(res, 401, r.failure().message());
                yield Optional.empty();
            }
        };
    }

    /**
     * Authenticates a request and requires an administrator, answering 401 or 403 otherwise.
     *
     * @param what what is refused to others, e.g. {@code the audit log}
     * @return the administrator, or empty when answered
     */
    static Optional<Authentication.Authenticated> admin(Authenticator authenticator, ServerRequest req,
                                                        ServerResponse res, String what) {
        Optional<Authentication.Authenticated> who = authenticate(authenticator, req, res);
        if (who.isPresent() && !who.get().principal().admin()) {
            JsonResponses.error(res, 403, what + " is for administrators");
            return Optional.empty();
        }
        return who;
    }

    /**
     * Who acts, for the audit log: the principal over HTTP; with the local token, the operator at this machine's
     * terminal as in-process commands name it ({@code cli:OSUSER}; the token file is readable by the server's OS
     * user only).
     */
    static Actor actor(Authentication.Authenticated who, ServerRequest req) {
        return who.credential() instanceof Authentication.Local
                ? new Actor(Actor.terminal().name(), "cli", address(req))
                : new Actor(who.principal().id().value(), "http", address(req));
    }

    /** The client's IP address, as the socket says: a proxy's forwarding headers are not trusted. */
    static String address(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress() : String.valueOf(req.remotePeer().address());
    }
}
