package dev.jclaw.core.session;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.IntConsumer;

/**
 * Turn locks inside one process. A key's queue exists only while it has tickets, so idle sessions cost nothing.
 */
public final class LocalTurnLocks implements TurnLocks {
    private static final long FOREVER_NANOS = Long.MAX_VALUE / 4;
    private final ConcurrentHashMap<SessionKey, Line> lines = new ConcurrentHashMap<>();

    /** One key's queue; the head holds the turn. Changed only inside {@code lines.compute}, under its lock. */
    private static final class Line {
        final ReentrantLock lock = new ReentrantLock();
        final Condition changed = lock.newCondition();
        final ArrayDeque<LocalTicket> queue = new ArrayDeque<>();
    }

    @Override
    public Ticket enter(SessionKey key) {
        Objects.requireNonNull(key, "key");
        LocalTicket ticket = new LocalTicket(key);
        lines.compute(key, (k, line) -> {
            Line joined = line == null ? new Line() : line;
            joined.lock.lock();
            try {
                joined.queue.addLast(ticket);
                ticket.line = joined;
            } finally {
                joined.lock.unlock();
            }
            return joined;
        });
        return ticket;
    }

    @Override
    public int queueLength(SessionKey key) {
        Line line = lines.get(key);
        if (line == null) {
            return 0;
        }
        line.lock.lock();
        try {
            return line.queue.size();
        } finally {
            line.lock.unlock();
        }
    }

    private final class LocalTicket implements Ticket {
        private final SessionKey key;
        private Line line;
        private volatile boolean closed;

        LocalTicket(SessionKey key) {
            this.key = key;
        }

        @Override
        public SessionKey key() {
            return key;
        }

        @Override
        public int position() {
            line.lock.lock();
            try {
                if (closed) {
                    throw new IllegalStateException("the ticket for " + key + " is closed");
                }
                return positionLocked();
            } finally {
                line.lock.unlock();
            }
        }

        private int positionLocked() {
            int ahead = 0;
            for (LocalTicket t : line.queue) {
                if (t == this) {
                    return ahead;
                }
                ahead++;
            }
            throw new IllegalStateException("the ticket for " + key + " is not in its queue");
        }

        @Override
        public boolean isClosed() {
            return closed;
        }

        @Override
        public boolean await(Duration timeout, IntConsumer positions) throws InterruptedException {
            Objects.requireNonNull(positions, "positions");
            long wait = timeout.compareTo(Duration.ofNanos(FOREVER_NANOS)) > 0 ? FOREVER_NANOS
                    : Math.max(0, timeout.toNanos());
            long deadline = System.nanoTime() + wait;
            int reported = 0;
            while (true) {
                int ahead;
                line.lock.lockInterruptibly();
                try {
                    while (true) {
                        if (closed) {
                            return false;
                        }
                        ahead = positionLocked();
                        if (ahead == 0) {
                            return true;
                        }
                        if (ahead != reported) {
                            break;
                        }
                        long left = deadline - System.nanoTime();
                        if (left <= 0) {
                            return false;
                        }
                        line.changed.awaitNanos(left);
                    }
                } finally {
                    line.lock.unlock();
                }
                // told outside the lock, so that a slow listener holds up no one else
                reported = ahead;
                positions.accept(ahead);
            }
        }

        @Override
        public void close() {
            lines.computeIfPresent(key, (k, current) -> {
                if (current != line) {
                    return current; // closed before, and its line is gone
                }
                line.lock.lock();
                try {
                    if (!closed) {
                        closed = true;
                        line.queue.remove(this);
                        line.changed.signalAll();
                    }
                    return line.queue.isEmpty() ? null : line;
                } finally {
                    line.lock.unlock();
                }
            });
        }
    }
}
