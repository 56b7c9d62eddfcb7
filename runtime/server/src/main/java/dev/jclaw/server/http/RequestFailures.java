package dev.jclaw.server.http;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.EOFException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.List;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What a request handler throws, answered as {@code {"error": "..."}} and logged by what it is: a client that went
 * away or stalled mid-request (routine on the internet) is one DEBUG line, so that no client can make the log grow
 * by dropping connections; anything else is a fault of the server, logged with its stack trace.
 */
public final class RequestFailures {
    private static final System.Logger LOG = System.getLogger(RequestFailures.class.getName());
    /**
     * Helidon's loggers that report, at WARNING and with a stack trace, what a client causes at will by closing its
     * connection mid-request (a request that cannot be read to its end, an answer that cannot be written). They
     * keep their other records; held strongly, as java.util.logging keeps loggers only weakly.
     */
    private static final List<Logger> TRANSPORT = List.of(
            Logger.getLogger("io.helidon.webserver.ConnectionHandler"),
            Logger.getLogger("io.helidon.webserver.http1.Http1Connection"),
            Logger.getLogger("io.helidon.webserver.http.DirectHandlers"),
            Logger.getLogger("io.helidon.webserver.http.ErrorHandlers"));

    private RequestFailures() {
    }

    /**
     * Installs the handler for every exception, and turns Helidon's reports of client-caused failures into one
     * DEBUG line each.
     *
     * @param routing the routing
     */
    public static void register(HttpRouting.Builder routing) {
        TRANSPORT.forEach(logger -> logger.setFilter(RequestFailures::notClientGone));
        routing.error(Exception.class, RequestFailures::handle);
    }

    private static boolean notClientGone(LogRecord record) {
        if (record.getThrown() == null || !clientGone(record.getThrown())) {
            return true;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> "a client connection ended mid-request: " + record.getMessage());
        return false;
    }

    private static void handle(ServerRequest req, ServerResponse res, Exception e) {
        String request = req.prologue().method().text() + " " + req.path().path();
        if (clientGone(e)) {
            LOG.log(System.Logger.Level.DEBUG, () -> "client went away during " + request + ": " + e);
            res.header("Connection", "close");
            JsonResponses.error(res, 408, "the request did not arrive in full or in time; send it again");
            return;
        }
        LOG.log(System.Logger.Level.ERROR, "request " + request + " failed", e);
        JsonResponses.error(res, 500, "internal error");
    }

    /**
     * Looks through the causes of a failure.
     *
     * @param failure what a request handler threw
     * @return whether the failure is the client's connection ending, breaking or timing out
     */
    static boolean clientGone(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof CloseConnectionException || t instanceof DataReader.InsufficientDataAvailableException
                    || t instanceof SocketException || t instanceof SocketTimeoutException
                    || t instanceof ClosedChannelException || t instanceof EOFException) {
                return true;
            }
        }
        return false;
    }
}
