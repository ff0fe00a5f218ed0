package dev.ltv.cli.importer;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shows the import's progress on stderr: a bar redrawn in place on a terminal, a plain line every few
 * seconds otherwise (logs, CI), or nothing. Rows per second count this run's rows only, so a resumed run's
 * rate and ETA are its own.
 */
final class ProgressDisplay implements AutoCloseable {

    enum Style { BAR, LINES, NONE }

    private static final int WIDTH = 24;

    private final PrintStream err;
    private final Style style;
    private final long total;
    private final long first;
    private final LongSupplier done;
    private final LongSupplier rejected;
    private final long startNanos = System.nanoTime();
    private final ScheduledExecutorService timer;

    ProgressDisplay(PrintStream err, Style style, long total, long first, LongSupplier done, LongSupplier rejected, Duration every) {
        this.err = err;
        this.style = style;
        this.total = total;
        this.first = first;
        this.done = done;
        this.rejected = rejected;
        if (style == Style.NONE) {
            timer = null;
            return;
        }
        timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "import-progress");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(this::show, style == Style.BAR ? 0 : every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** On a terminal (stdout and stderr not redirected) a bar, else lines. */
    static Style auto() {
        java.io.Console console = System.console();
        if (console == null) {
            return Style.LINES;
        }
        try {
            // JDK 22+ returns a console also when redirected: ask it (the method does not exist on 21)
            Object terminal = java.io.Console.class.getMethod("isTerminal").invoke(console);
            return Boolean.TRUE.equals(terminal) ? Style.BAR : Style.LINES;
        } catch (ReflectiveOperationException e) {
            return Style.BAR;
        }
    }

    synchronized void show() {
        if (style == Style.NONE) {
            return;
        }
        String text = text();
        if (style == Style.BAR) {
            err.print("\r" + text + "\u001b[K");
        } else {
            err.println("import: " + text);
        }
        err.flush();
    }

    String text() {
        long now = done.getAsLong();
        double seconds = Math.max(1e-3, (System.nanoTime() - startNanos) / 1e9);
        double rate = (now - first) / seconds;
        double fraction = total == 0 ? 1 : Math.min(1, (double) now / total);
        String eta = rate <= 0 ? "--:--" : clock((long) Math.ceil((total - now) / rate));
        String text = String.format(Locale.ROOT, "%,d / %,d rows  %5.1f%%  %,.0f rows/s  ETA %s  %,d rejected",
                now, total, 100 * fraction, rate, eta, rejected.getAsLong());
        if (style != Style.BAR) {
            return text;
        }
        int filled = (int) Math.round(fraction * WIDTH);
        return "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] " + text;
    }

    static String clock(long seconds) {
        return seconds >= 3600
                ? String.format(Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60)
                : String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    @Override
    public synchronized void close() {
        if (timer == null) {
            return;
        }
        timer.shutdownNow();
        if (style == Style.BAR) {
            show();
            err.println();
        }
    }
}
