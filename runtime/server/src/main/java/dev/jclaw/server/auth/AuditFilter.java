package dev.jclaw.server.auth;

import dev.jclaw.core.identity.AuditEntry;
import dev.jclaw.core.identity.AuditKind;
import dev.jclaw.core.identity.AuditQuery;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the filters of {@code GET /api/audit} and {@code jclaw audit} — user, kind, since, limit — the same way for
 * both, with one clear sentence for a bad value.
 */
public final class AuditFilter {
    private static final Pattern AGO = Pattern.compile("(\\d{1,6})([smhd])");

    private AuditFilter() {
    }

    /**
     * Builds a query.
     *
     * @param user a name, or empty for everyone
     * @param kind a kind's label such as {@code login.failed}, or empty for all
     * @param since an instant ({@code 2026-12-07T10:00:00Z}), a date ({@code 2026-12-07}, UTC) or a time back from
     *              now ({@code 30m}, {@code 24h}, {@code 7d}); empty for all time
     * @param limit the most entries, 1 to 10000; empty for {@value AuditQuery#DEFAULT_LIMIT}
     * @param now the time {@code since} counts back from
     * @return the query
     * @throws IllegalArgumentException naming the bad value and what is expected
     */
    public static AuditQuery parse(Optional<String> user, Optional<String> kind, Optional<String> since,
                                   Optional<String> limit, Instant now) {
        Optional<String> who = user.filter(u -> !u.isEmpty());
        if (who.isPresent() && (who.get().length() > AuditEntry.MAX_NAME
                || !AuditEntry.safe(who.get(), AuditEntry.MAX_NAME).equals(who.get()))) {
            throw new IllegalArgumentException("user must be a name of at most " + AuditEntry.MAX_NAME
                    + " characters without control characters");
        }
        Optional<AuditKind> what = kind.filter(k -> !k.isEmpty()).map(k -> AuditKind.parse(k).orElseThrow(() ->
                new IllegalArgumentException("kind must be one of " + AuditKind.labels() + "; got '"
                        + AuditEntry.safe(k, 40) + "'")));
        Optional<Instant> from = since.filter(s -> !s.isEmpty()).map(s -> since(s, now));
        int most = limit.filter(l -> !l.isEmpty()).map(AuditFilter::limit).orElse(AuditQuery.DEFAULT_LIMIT);
        return new AuditQuery(who, what, from, most);
    }

    private static Instant since(String text, Instant now) {
        Matcher ago = AGO.matcher(text);
        if (ago.matches()) {
            long n = Long.parseLong(ago.group(1));
            return now.minus(switch (ago.group(2)) {
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            });
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay().toInstant(ZoneOffset.UTC)
                    : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("since must be a time such as 2026-12-07T10:00:00Z, a date such as"
                    + " 2026-12-07, or a time back from now such as 30m, 24h or 7d; got '"
                    + AuditEntry.safe(text, 40) + "'");
        }
    }

    private static int limit(String text) {
        try {
            int n = Integer.parseInt(text);
            if (n >= 1 && n <= AuditQuery.MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw new IllegalArgumentException("limit must be a number from 1 to " + AuditQuery.MAX_LIMIT + "; got '"
                + AuditEntry.safe(text, 20) + "'");
    }
}
