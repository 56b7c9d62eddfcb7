package dev.jclaw.server.cli;

import sun.misc.Signal;

/** Ctrl-C in the terminal chat: aborts the running turn instead of ending the program. */
final class Interrupts {
    private Interrupts() {
    }

    static void onCtrlC(Runnable action) {
        try {
            Signal.handle(new Signal("INT"), signal -> action.run());
        } catch (IllegalArgumentException e) {
            // no SIGINT on this platform: Ctrl-C ends the program, as usual
        }
    }
}
