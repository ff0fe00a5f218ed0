package dev.ltv.cli.importer;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CsvRecordsTest {

    private static List<List<String>> read(String text) throws IOException {
        CsvRecords records = new CsvRecords(new StringReader(text));
        List<List<String>> all = new ArrayList<>();
        for (List<String> record = records.next(); record != null; record = records.next()) {
            all.add(record);
        }
        return all;
    }

    @Test
    void readsQuotedFieldsWithCommasQuotesAndLineBreaks() throws IOException {
        assertEquals(List.of(List.of("id", "note"), List.of("1", "a, \"b\"\nc"), List.of("2", "")),
                read("\uFEFFid,note\r\n1,\"a, \"\"b\"\"\nc\"\r\n\r\n2,\n"));
    }

    @Test
    void keepsEmptyFieldsAndALastLineWithoutBreak() throws IOException {
        assertEquals(List.of(List.of("a", "", "c"), List.of("", "x")), read("a,,c\n,x"));
    }

    @Test
    void refusesAnUnclosedQuote() {
        assertThrows(IOException.class, () -> read("a,\"b\n"));
    }

    @Test
    void rejectsFileQuotingRoundTrips() throws IOException {
        String field = "x, \"y\"\nz";
        assertEquals(List.of(List.of(field, "plain")), read(RejectsFile.quote(field) + "," + RejectsFile.quote("plain") + "\n"));
    }
}
