package dev.ltv.cli.importer;

import dev.ltv.cli.UsageException;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Properties;

/**
 * The progress file: how many leading rows of the orders file are acknowledged by the API (their rejects
 * written), for one file (its size) and one column mapping. Batches complete out of order, so only the
 * prefix before the first unfinished batch counts; rows after it may have been stored already and are
 * posted again on resume, which the API answers as duplicates. Replaced atomically; deleted when the
 * import finishes, so a later run of the same command posts every row again (and stores nothing twice).
 */
final class ResumePoint {

    private final Path file;
    private final long size;
    private final String fingerprint;

    ResumePoint(Path file, long size, String fingerprint) {
        this.file = file;
        this.size = size;
        this.fingerprint = fingerprint;
    }

    Path file() {
        return file;
    }

    /** The rows acknowledged by an earlier run, 0 when there is none. */
    long load() throws IOException {
        Properties saved = new Properties();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            saved.load(in);
        } catch (NoSuchFileException e) {
            return 0;
        }
        if (!String.valueOf(size).equals(saved.getProperty("fileSize"))
                || !fingerprint.equals(saved.getProperty("mapping"))) {
            throw new UsageException(file + " holds the position of another file or column mapping: "
                    + "pass --restart to start at the first row (nothing is stored twice), or --progress-file");
        }
        try {
            return Long.parseLong(saved.getProperty("rows", "0"));
        } catch (NumberFormatException e) {
            throw new UsageException(file + " is damaged: pass --restart (nothing is stored twice)");
        }
    }

    void save(long rows) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer out = Files.newBufferedWriter(temporary, StandardCharsets.UTF_8)) {
            out.write("# ltv import: the first `rows` rows of the orders file are imported; the same command resumes after them\n");
            out.write("rows=" + rows + "\n");
            out.write("fileSize=" + size + "\n");
            out.write("mapping=" + fingerprint + "\n");
        }
        try {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(file);
    }
}
