package dev.ltv.local;

import dev.ltv.local.lambda.Collaborators;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How to start the local stack.
 *
 * @param port          HTTP port on 127.0.0.1 (0: any free port)
 * @param dataDir       where DynamoDB Local keeps its data; empty for in-memory
 * @param template      the SAM template; empty for ./template.yaml if present, else the bundled copy
 * @param tablePrefix   prepended to each table's logical id to name it
 * @param pollInterval  how often an idle stream is polled
 * @param retryBackoff  wait before the first retry of a failed stream batch
 * @param httpThreads   requests served at once
 * @param collaborators what handlers get for a third constructor parameter (default: logging stand-ins)
 * @param eventsFile    where segment change events are appended, one JSON line each (default: segment-events.jsonl in
 *                      the data folder, or a fresh temporary file when the data is in memory)
 */
public record LocalStackOptions(
        int port,
        Optional<Path> dataDir,
        Optional<Path> template,
        String tablePrefix,
        Duration pollInterval,
        Duration retryBackoff,
        int httpThreads,
        Collaborators collaborators,
        Optional<Path> eventsFile) {

    public static final int DEFAULT_PORT = 3000;

    public static final String USAGE = """
            Usage: ./ltv local [options]
              Runs ltv on this machine: DynamoDB Local, the functions of template.yaml, their stream
              and the HTTP API on 127.0.0.1. No AWS account, no Docker.
            Options:
              --port N          HTTP port on 127.0.0.1 (default 3000; 0 picks a free one)
              --data-dir DIR    keep DynamoDB data in DIR between runs (default: in memory)
              --template FILE   SAM template to run (default: ./template.yaml, else the bundled copy)
              --events-file F   append CustomerSegmentChanged events to F, one JSON line each
                                (default: segment-events.jsonl in --data-dir, else a temporary file)
              --help            this text
            """;

    public LocalStackOptions {
        if (port < 0 || port > 65_535) {
            throw new IllegalArgumentException("--port must be 0..65535, was " + port);
        }
        if (httpThreads < 1) {
            throw new IllegalArgumentException("httpThreads must be at least 1");
        }
    }

    public static LocalStackOptions defaults() {
        return new LocalStackOptions(DEFAULT_PORT, Optional.empty(), Optional.empty(), "", Duration.ofMillis(250),
                Duration.ofMillis(500), 8, new Collaborators(), Optional.empty());
    }

    /**
     * Reads the command line.
     *
     * @return empty when --help was asked for
     * @throws IllegalArgumentException for an unknown option or a bad value
     */
    public static Optional<LocalStackOptions> parse(String... args) {
        LocalStackOptions options = defaults();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inlineValue = arg.contains("=") ? arg.substring(arg.indexOf('=') + 1) : null;
            switch (name) {
                case "--help", "-h" -> {
                    return Optional.empty();
                }
                case "--port", "--data-dir", "--template", "--events-file" -> {
                    String value = inlineValue;
                    if (value == null) {
                        if (i + 1 >= args.length) {
                            throw new IllegalArgumentException(name + " needs a value");
                        }
                        value = args[++i];
                    }
                    options = switch (name) {
                        case "--port" -> options.withPort(port(value));
                        case "--data-dir" -> options.withDataDir(Path.of(value));
                        case "--events-file" -> options.withEventsFile(Path.of(value));
                        default -> options.withTemplate(Path.of(value));
                    };
                }
                default -> throw new IllegalArgumentException("unknown option " + arg);
            }
        }
        return Optional.of(options);
    }

    private static int port(String value) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--port must be a number, was " + value);
        }
    }

    public LocalStackOptions withPort(int newPort) {
        return new LocalStackOptions(newPort, dataDir, template, tablePrefix, pollInterval, retryBackoff, httpThreads, collaborators, eventsFile);
    }

    public LocalStackOptions withDataDir(Path dir) {
        return new LocalStackOptions(port, Optional.of(dir), template, tablePrefix, pollInterval, retryBackoff, httpThreads,
                collaborators, eventsFile);
    }

    public LocalStackOptions withTemplate(Path file) {
        return new LocalStackOptions(port, dataDir, Optional.of(file), tablePrefix, pollInterval, retryBackoff, httpThreads,
                collaborators, eventsFile);
    }

    public LocalStackOptions withTablePrefix(String prefix) {
        return new LocalStackOptions(port, dataDir, template, prefix, pollInterval, retryBackoff, httpThreads, collaborators, eventsFile);
    }

    public LocalStackOptions withPollInterval(Duration interval) {
        return new LocalStackOptions(port, dataDir, template, tablePrefix, interval, retryBackoff, httpThreads, collaborators, eventsFile);
    }

    public LocalStackOptions withRetryBackoff(Duration backoff) {
        return new LocalStackOptions(port, dataDir, template, tablePrefix, pollInterval, backoff, httpThreads, collaborators, eventsFile);
    }

    public LocalStackOptions withEventsFile(Path file) {
        return new LocalStackOptions(port, dataDir, template, tablePrefix, pollInterval, retryBackoff, httpThreads,
                collaborators, Optional.of(file));
    }

    public LocalStackOptions withCollaborators(Collaborators newCollaborators) {
        return new LocalStackOptions(port, dataDir, template, tablePrefix, pollInterval, retryBackoff, httpThreads,
                newCollaborators, eventsFile);
    }
}
