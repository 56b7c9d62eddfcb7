package dev.jclaw.core.approval;

import dev.jclaw.api.gateway.Principal;
import dev.jclaw.api.gateway.Tier;
import dev.jclaw.api.gateway.UserId;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * The approval broker: tool calls that need a person's yes wait here, each under an unguessable id and a deadline,
 * and any channel answers them ({@link #answer}) for the user who started the turn or as an admin. A call nobody
 * answers in time is refused; a call whose turn is aborted is refused and forgotten. A blocking yes/no prompt (the
 * terminal's {@link Approver}) is one client: {@link #ask} runs it on its own virtual thread and takes its answer
 * as the originator's, while other channels may answer first.
 *
 * <p>Nothing here is reachable from a tool: the model cannot answer its own approvals. Every request, decision
 * and refusal goes to the {@link ApprovalListener}s (the audit log).
 *
 * <pre>{@code
 * Approvals approvals = new Approvals(Duration.ofMinutes(5), 32, 8);
 * approvals.listen(event -> audit.record(event));
 * // on the turn's thread:
 * Decision d = approvals.ask(request, Approver.NONE, pending -> events.accept(...));
 * // from a channel, with the id it showed:
 * AnswerOutcome o = approvals.answer(id, principal, true, "web");
 * }</pre>
 *
 * <p>Thread-safety: safe for any number of turns and channels at once; of two answers racing, exactly one is
 * {@link AnswerOutcome#ACCEPTED}.
 */
public final class Approvals {
    private static final System.Logger LOG = System.getLogger(Approvals.class.getName());

    /**
     * The person at the local terminal ({@code jclaw run}, {@code jclaw chat}): the host's admin with the yolo tier,
     * so that the server-wide approval policy alone decides what is asked.
     */
    public static final Principal TERMINAL = new Principal(UserId.ADMIN, true, Tier.YOLO);

    /** The channel {@link Decision.Answered} names when the turn's own blocking prompt ({@link Approver}) answered. */
    public static final String PROMPT = "prompt";

    /** The deadline of an approval when none is configured. */
    public static final Duration DEFAULT_DEADLINE = Duration.ofMinutes(5);
    /** How much of the arguments a pending approval shows. */
    public static final int PREVIEW_CHARS = 1_000;
    /** How many approvals may wait at once for one user, by default. */
    public static final int MAX_PER_USER = 32;
    /** How many approvals may wait at once in one conversation, by default. */
    public static final int MAX_PER_SESSION = 8;
    /** How many expired approvals are remembered, so that a late answer hears "expired" rather than "not found". */
    private static final int EXPIRED_REMEMBERED = 4_096;
    private static final Duration EXPIRED_KEPT = Duration.ofHours(1);

    private final Duration deadline;
    private final int maxPerUser;
    private final int maxPerSession;
    private final Map<ApprovalId, Entry> pending = new ConcurrentHashMap<>();
    private final Map<ApprovalId, Tombstone> expired = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ApprovalId, Tombstone> eldest) {
            return size() > EXPIRED_REMEMBERED;
        }
    };
    private final List<ApprovalListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * A call that needs approval.
     *
     * @param sessionKey the conversation
     * @param originator who started the turn, with the turn's tier
     * @param callId the model's id of the call
     * @param tool the tool's name
     * @param arguments the arguments' JSON text
     */
    public record Request(String sessionKey, Principal originator, String callId, String tool, String arguments) {
        /** Checks the fields. */
        public Request {
            Objects.requireNonNull(sessionKey, "sessionKey");
            Objects.requireNonNull(originator, "originator");
            Objects.requireNonNull(callId, "callId");
            Objects.requireNonNull(tool, "tool");
            Objects.requireNonNull(arguments, "arguments");
        }
    }

    private record Entry(PendingApproval approval, Principal originator, CompletableFuture<Decision> settled,
                         Thread[] client) {
    }

    private record Tombstone(UserId originator, Instant at) {
    }

    /** Creates a broker with the default deadline, at most 32 approvals waiting per user and 8 per session. */
    public Approvals() {
        this(DEFAULT_DEADLINE, MAX_PER_USER, MAX_PER_SESSION);
    }

    /**
     * Creates a broker.
     *
     * @param deadline how long an approval waits before it is refused
     * @param maxPerUser how many approvals may wait at once for one user; more are refused without asking
     * @param maxPerSession how many may wait at once in one conversation
     * @throws IllegalArgumentException when the deadline is not positive or a cap is below 1
     */
    public Approvals(Duration deadline, int maxPerUser, int maxPerSession) {
        if (deadline.isNegative() || deadline.isZero()) {
            throw new IllegalArgumentException("the approval deadline must be positive, got " + deadline);
        }
        if (maxPerUser < 1 || maxPerSession < 1) {
            throw new IllegalArgumentException("the caps on waiting approvals must be at least 1");
        }
        this.deadline = deadline;
        this.maxPerUser = maxPerUser;
        this.maxPerSession = maxPerSession;
    }

    /** @return how long an approval waits before it is refused */
    public Duration deadline() {
        return deadline;
    }

    /**
     * Adds a listener for every request, decision and refusal from now on.
     *
     * @param listener the listener
     */
    public void listen(ApprovalListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Asks, and waits on the calling (turn's) thread until the call is answered, its deadline passes, or the thread
     * is interrupted. When too many approvals already wait for the user or the session, nothing is asked: the
     * outcome is {@link AskOutcome.Refused}.
     *
     * @param request the call
     * @param client a blocking prompt to run as the originator's answer, or {@link Approver#NONE} to wait for a
     *               channel's {@link #answer}
     * @param announced told of the pending approval once it is registered, before anyone is asked (the turn's
     *                  event stream shows it with its id and deadline)
     * @return {@link AskOutcome.Settled} with how it ended ({@link Decision.Aborted} when the client could not ask),
     *         or {@link AskOutcome.Refused} when over a cap
     * @throws InterruptedException when the turn is aborted while it waits; the approval is settled as aborted
     */
    public AskOutcome ask(Request request, Approver client, Consumer<PendingApproval> announced)
            throws InterruptedException {
        Instant now = Instant.now();
        String digest = digest(request.arguments());
        PendingApproval approval = new PendingApproval(ApprovalId.random(), request.sessionKey(),
                request.originator().id(), request.callId(), request.tool(), digest, preview(request.arguments()),
                now, now.plus(deadline));
        Entry entry = new Entry(approval, request.originator(), new CompletableFuture<>(), new Thread[1]);
        String full = register(entry);
        if (full != null) {
            publish(new ApprovalEvent.Refused(request.sessionKey(), request.originator().id(),
                    request.originator().tier(), request.tool(), digest, full, now));
            return new AskOutcome.Refused(full);
        }
        try {
            publish(new ApprovalEvent.Requested(approval));
            announced.accept(approval);
            if (client != Approver.NONE) {
                startClient(entry, client, request);
            }
            return new AskOutcome.Settled(approval, await(entry));
        } finally {
            settle(entry, new Decision.Aborted("the turn ended while it waited for approval"));
        }
    }

    /**
     * Answers a pending approval.
     *
     * @param id the approval's id, as a channel showed it
     * @param who the authenticated answerer
     * @param approve yes or no
     * @param channel where the answer comes from, for the audit log (e.g. {@code web}, {@code api})
     * @return {@link AnswerOutcome#ACCEPTED} when this answer settled it; otherwise why not
     */
    public AnswerOutcome answer(ApprovalId id, Principal who, boolean approve, String channel) {
        Entry entry = pending.get(id);
        if (entry == null) {
            Tombstone gone;
            synchronized (expired) {
                gone = expired.get(id);
            }
            if (gone == null || gone.at().plus(EXPIRED_KEPT).isBefore(Instant.now())) {
                return AnswerOutcome.NOT_FOUND;
            }
            return who.admin() || who.id().equals(gone.originator()) ? AnswerOutcome.EXPIRED : AnswerOutcome.FORBIDDEN;
        }
        UserId originator = entry.approval().originator();
        if (!who.admin() && !who.id().equals(originator)) {
            return AnswerOutcome.FORBIDDEN;
        }
        if (!Instant.now().isBefore(entry.approval().deadline())) {
            settle(entry, new Decision.Expired());
        } else if (settle(entry, new Decision.Answered(who.id(), !who.id().equals(originator), approve,
                channel))) {
            return AnswerOutcome.ACCEPTED;
        }
        return entry.settled().join() instanceof Decision.Expired ? AnswerOutcome.EXPIRED : AnswerOutcome.NOT_FOUND;
    }

    /**
     * Answers a pending approval by the id's text as a client sent it.
     *
     * @param id the id's text (anything a client sent)
     * @param who the authenticated answerer
     * @param approve yes or no
     * @param channel where the answer comes from, for the audit log
     * @return as {@link #answer(ApprovalId, Principal, boolean, String)}; {@link AnswerOutcome#NOT_FOUND} for
     *         malformed text
     */
    public AnswerOutcome answer(String id, Principal who, boolean approve, String channel) {
        return ApprovalId.parse(id).map(i -> answer(i, who, approve, channel)).orElse(AnswerOutcome.NOT_FOUND);
    }

    /**
     * Lists the approvals waiting for a user's answer (a channel that reconnects shows them again).
     *
     * @param user the user who started the turns
     * @return the pending approvals, oldest first
     */
    public List<PendingApproval> pending(UserId user) {
        return pending.values().stream().map(Entry::approval).filter(a -> a.originator().equals(user))
                .sorted(Comparator.comparing(PendingApproval::created)).toList();
    }

    /**
     * Lists every waiting approval, for an admin.
     *
     * @return the pending approvals, oldest first
     */
    public List<PendingApproval> pending() {
        return pending.values().stream().map(Entry::approval).sorted(Comparator.comparing(PendingApproval::created))
                .toList();
    }

    /**
     * Lists the approvals waiting in one conversation.
     *
     * @param sessionKey the conversation
     * @return the pending approvals, oldest first
     */
    public List<PendingApproval> pendingInSession(String sessionKey) {
        return pending.values().stream().map(Entry::approval).filter(a -> a.sessionKey().equals(sessionKey))
                .sorted(Comparator.comparing(PendingApproval::created)).toList();
    }

    /**
     * Reports a call refused without asking (by the turn's tier) to the listeners.
     *
     * @param sessionKey the conversation
     * @param user who started the turn, with the turn's tier
     * @param tool the tool
     * @param arguments the arguments' JSON text (only its digest is reported)
     * @param reason the sentence the model read
     */
    public void refused(String sessionKey, Principal user, String tool, String arguments, String reason) {
        publish(new ApprovalEvent.Refused(sessionKey, user.id(), user.tier(), tool, digest(arguments), reason,
                Instant.now()));
    }

    /**
     * The SHA-256 of a text's UTF-8 bytes, lower-case hex: how the audit log names a call's arguments.
     *
     * @param text the text
     * @return 64 hex digits
     */
    public static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String preview(String arguments) {
        return arguments.length() <= PREVIEW_CHARS ? arguments : arguments.substring(0, PREVIEW_CHARS) + "…";
    }

    private synchronized String register(Entry entry) {
        PendingApproval a = entry.approval();
        long forUser = pending.values().stream().filter(e -> e.approval().originator().equals(a.originator())).count();
        if (forUser >= maxPerUser) {
            return "refused: " + forUser + " approvals already wait for " + a.originator() + "; " + a.tool()
                    + " did not run. Answer those first";
        }
        long inSession = pending.values().stream().filter(e -> e.approval().sessionKey().equals(a.sessionKey()))
                .count();
        if (inSession >= maxPerSession) {
            return "refused: " + inSession + " approvals already wait in this conversation; " + a.tool()
                    + " did not run. Answer those first";
        }
        pending.put(a.id(), entry);
        return null;
    }

    private Decision await(Entry entry) throws InterruptedException {
        long left = Duration.between(Instant.now(), entry.approval().deadline()).toNanos();
        try {
            return entry.settled().get(Math.max(0, left), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            settle(entry, new Decision.Expired());
            return entry.settled().join();
        } catch (ExecutionException e) {
            throw new IllegalStateException("an approval is never settled exceptionally", e);
        } catch (InterruptedException e) {
            settle(entry, new Decision.Aborted("the turn was stopped while it waited for approval"));
            throw e;
        }
    }

    /** Settles once: the first caller wins, forgets the entry, stops its client and tells the listeners. */
    private boolean settle(Entry entry, Decision decision) {
        if (!entry.settled().complete(decision)) {
            return false;
        }
        PendingApproval a = entry.approval();
        pending.remove(a.id());
        if (decision instanceof Decision.Expired) {
            synchronized (expired) {
                expired.put(a.id(), new Tombstone(a.originator(), Instant.now()));
            }
        }
        synchronized (entry.client()) {
            Thread client = entry.client()[0];
            if (client != null && client != Thread.currentThread()) {
                client.interrupt();
            }
        }
        publish(new ApprovalEvent.Decided(a, decision, Instant.now()));
        return true;
    }

    private void startClient(Entry entry, Approver client, Request request) {
        Thread thread = Thread.ofVirtual().name("approval-" + request.tool()).unstarted(() -> {
            try {
                boolean yes = client.approve(new Approver.ApprovalRequest(request.sessionKey(), request.callId(),
                        request.tool(), request.arguments()));
                answer(entry.approval().id(), entry.originator(), yes, PROMPT);
            } catch (InterruptedException e) {
                settle(entry, new Decision.Aborted(e.getMessage() == null ? "the approver stopped asking"
                        : e.getMessage()));
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "the approver of " + request.sessionKey() + " failed: " + e, e);
                settle(entry, new Decision.Aborted("the approver failed: " + e.getMessage()));
            }
        });
        synchronized (entry.client()) {
            if (entry.settled().isDone()) {
                return;
            }
            entry.client()[0] = thread;
            thread.start();
        }
    }

    private void publish(ApprovalEvent event) {
        for (ApprovalListener listener : listeners) {
            try {
                listener.on(event);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "an approval listener failed on " + event + ": " + e, e);
            }
        }
    }
}
