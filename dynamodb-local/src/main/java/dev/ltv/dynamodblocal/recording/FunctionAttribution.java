package dev.ltv.dynamodblocal.recording;

import dev.ltv.dynamodblocal.TemplateTables;

import java.net.URL;
import java.security.CodeSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which function of template.yaml an AWS request is made for.
 *
 * <p>A request is the function's when its call stack runs through the function's own code: a class of the
 * package of the function's {@code Handler} (or a package within it), loaded from main code (not a test class of the same package).
 * So test set-up and assertions, the repair command and the local stack's plumbing are nobody's, while the
 * shared code a handler calls counts for that handler. Threads started by a function's code (a parallel scan's
 * pool) inherit the attribution of the code that started them. Callers that act for a function without its
 * code on the stack (the local stack's stream poller reads the stream as Lambda's event source mapping does,
 * with the function's role) say so with {@link #actingAs}.
 */
public final class FunctionAttribution {

    private static final String NOBODY = "";

    /** handler package → function logical id, from the bundled template. */
    private static final Map<String, String> FUNCTION_PACKAGES = functionPackages();
    private static final Map<String, Optional<String>> PACKAGE_FUNCTIONS = new ConcurrentHashMap<>();
    private static final Map<Class<?>, Boolean> MAIN_CODE = new ConcurrentHashMap<>();
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

    private static final InheritableThreadLocal<String> CURRENT = new InheritableThreadLocal<>() {
        @Override
        protected String initialValue() {
            return NOBODY;
        }

        @Override
        protected String childValue(String parent) {
            // runs in the parent thread while it creates the child: its stack says who starts the thread
            return parent.isEmpty() ? fromStack().orElse(NOBODY) : parent;
        }
    };

    private FunctionAttribution() {
    }

    /**
     * Until the scope is closed, this thread's requests (and those of threads it starts) are this function's
     * (logical id), whatever code makes them.
     */
    public static Scope actingAs(String functionLogicalId) {
        String previous = CURRENT.get();
        CURRENT.set(functionLogicalId);
        return () -> CURRENT.set(previous);
    }

    /** An attribution in force; closing it restores the previous one. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * The function the current thread's request is made for, if any. The first call in a thread also makes
     * the threads it creates later inherit their creator's attribution (childValue needs a value to copy).
     */
    public static Optional<String> current() {
        String explicit = CURRENT.get();
        if (!explicit.isEmpty()) {
            // the local stack's tests also run functions of a test template: only template.yaml's are checked
            return FUNCTION_PACKAGES.containsValue(explicit) ? Optional.of(explicit) : Optional.empty();
        }
        return fromStack();
    }

    static Map<String, String> functionPackages() {
        Map<String, String> packages = new LinkedHashMap<>();
        TemplateTables.bundled().tree().path("Resources").properties().forEach(entry -> {
            if ("AWS::Serverless::Function".equals(entry.getValue().path("Type").asText())) {
                String handler = entry.getValue().path("Properties").path("Handler").asText("");
                int method = handler.indexOf("::");
                String type = method < 0 ? handler : handler.substring(0, method);
                int dot = type.lastIndexOf('.');
                if (dot > 0) {
                    packages.put(type.substring(0, dot), entry.getKey());
                }
            }
        });
        return packages;
    }

    private static Optional<String> fromStack() {
        return WALKER.walk(frames -> frames
                .map(StackWalker.StackFrame::getDeclaringClass)
                .map(type -> {
                    String function = functionOfPackage(type.getPackageName());
                    return function != null && isMainCode(type) ? function : null;
                })
                .filter(java.util.Objects::nonNull)
                .findFirst());
    }

    /** The function whose handler's package is this package or encloses it. */
    private static String functionOfPackage(String name) {
        return PACKAGE_FUNCTIONS.computeIfAbsent(name, FunctionAttribution::enclosingFunction).orElse(null);
    }

    private static Optional<String> enclosingFunction(String name) {
        for (String candidate = name; !candidate.isEmpty(); candidate = candidate.substring(0, Math.max(candidate.lastIndexOf('.'), 0))) {
            String function = FUNCTION_PACKAGES.get(candidate);
            if (function != null) {
                return Optional.of(function);
            }
        }
        return Optional.empty();
    }

    private static boolean isMainCode(Class<?> type) {
        return MAIN_CODE.computeIfAbsent(type, t -> {
            CodeSource source = t.getProtectionDomain().getCodeSource();
            URL location = source == null ? null : source.getLocation();
            return location == null || !location.getPath().contains("/test-classes/");
        });
    }
}
