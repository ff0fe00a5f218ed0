package dev.ltv.local;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The local stack's console log: one line per event, time-stamped; stack traces only for internal errors. */
public final class Log {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private Log() {
    }

    public static void info(String component, String message) {
        line(System.out, component, message);
    }

    public static void warn(String component, String message) {
        line(System.out, component, "WARN " + message);
    }

    public static void error(String component, String message, Throwable cause) {
        synchronized (System.err) {
            line(System.err, component, "ERROR " + message);
            if (cause != null) {
                cause.printStackTrace(System.err);
            }
        }
    }

    private static void line(PrintStream out, String component, String message) {
        out.println(LocalTime.now().truncatedTo(ChronoUnit.MILLIS).format(TIME) + " [" + component + "] " + message);
    }
}
