package dev.ltv.cli.importer;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The refused rows, as CSV: {@code row} (1 = the first row after the header), the row's own columns, then
 * {@code error_code} and {@code error} (the API's reason). Created only when a row is refused.
 */
final class RejectsFile implements AutoCloseable {

    private final Path file;
    private final List<String> header;
    private BufferedWriter out;
    private long written;

    RejectsFile(Path file, List<String> header) {
        this.file = file;
        this.header = header;
    }

    Path file() {
        return file;
    }

    long written() {
        return written;
    }

    /**
     * On resume: keeps the rejects of the acknowledged rows (up to {@code rows}) and drops those of later
     * rows, which are posted again. Otherwise starts a new file.
     */
    void open(long rows) throws IOException {
        List<List<String>> kept = new ArrayList<>();
        if (rows > 0) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                CsvRecords records = new CsvRecords(in);
                records.next(); // header
                for (List<String> record = records.next(); record != null; record = records.next()) {
                    if (Long.parseLong(record.get(0)) <= rows) {
                        kept.add(record);
                    }
                }
            } catch (NoSuchFileException e) {
                // no row was refused before
            }
        }
        Files.deleteIfExists(file);
        for (List<String> record : kept) {
            write(record);
        }
    }

    void write(OrderRow row, String code, String message) throws IOException {
        List<String> record = new ArrayList<>(header.size() + 3);
        record.add(Long.toString(row.number()));
        for (int i = 0; i < header.size(); i++) {
            record.add(i < row.fields().size() ? row.fields().get(i) : "");
        }
        record.add(code);
        record.add(message);
        write(record);
    }

    private void write(List<String> record) throws IOException {
        if (out == null) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
            List<String> names = new ArrayList<>();
            names.add("row");
            names.addAll(header);
            names.add("error_code");
            names.add("error");
            line(names);
        }
        line(record);
        written++;
    }

    private void line(List<String> fields) throws IOException {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            out.write(quote(fields.get(i)));
        }
        out.write('\n');
    }

    static String quote(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }

    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
            out = null;
        }
    }
}
