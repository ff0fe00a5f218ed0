package dev.ltv.local.permissions;

import dev.ltv.dynamodblocal.recording.AwsRequestRecorder;
import dev.ltv.dynamodblocal.recording.RecordedRequest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The union of the AWS requests recorded by every module's tests: the files each test JVM writes when it
 * exits ({@code <module>/target/aws-requests/*.jsonl}, earlier in the reactor) and what this JVM (the local
 * module's integration tests, which run the whole stack) has recorded so far.
 */
final class Recordings {

    private final Set<RecordedRequest> requests = new TreeSet<>(RecordedRequest.ORDER);
    private final List<Path> files = new ArrayList<>();

    private Recordings() {
    }

    static Recordings load(Path repository) {
        Recordings recordings = new Recordings();
        for (Path module : modules(repository)) {
            Path folder = module.resolve("target/aws-requests");
            if (Files.isDirectory(folder)) {
                try (Stream<Path> files = Files.list(folder)) {
                    files.filter(path -> path.toString().endsWith(".jsonl")).sorted().forEach(recordings::read);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        recordings.requests.addAll(AwsRequestRecorder.recorded());
        return recordings;
    }

    /** The Maven modules: folders with a pom.xml, one or two levels down. */
    static List<Path> modules(Path repository) {
        List<Path> modules = new ArrayList<>();
        try (Stream<Path> paths = Files.walk(repository, 2)) {
            paths.filter(path -> Files.isRegularFile(path.resolve("pom.xml")) && !path.equals(repository)).sorted().forEach(modules::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return modules;
    }

    private void read(Path file) {
        // this JVM's own file is rewritten when it exits: its requests are taken from memory instead
        if (file.toAbsolutePath().equals(ownFile())) {
            return;
        }
        try {
            Files.readAllLines(file).stream().filter(line -> !line.isBlank()).map(RecordedRequest::fromJsonLine).forEach(requests::add);
            files.add(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path ownFile() {
        String own = System.getProperty(AwsRequestRecorder.FILE_PROPERTY);
        return own == null ? null : Path.of(own).toAbsolutePath();
    }

    Set<RecordedRequest> requests() {
        return requests;
    }

    List<Path> files() {
        return files;
    }
}
