package dev.ltv.local;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LocalStackOptionsTest {

    @Test
    void defaultsAreInMemoryOnPort3000() {
        LocalStackOptions options = LocalStackOptions.parse().orElseThrow();
        assertEquals(3000, options.port());
        assertEquals(Optional.empty(), options.dataDir());
        assertEquals(Optional.empty(), options.template());
        assertEquals(Optional.empty(), options.eventsFile(), "the stack picks the default: beside the data, or a temporary file");
    }

    @Test
    void optionsInBothSpellings() {
        LocalStackOptions options = LocalStackOptions.parse("--port", "3100", "--data-dir=.ltv-data", "--template", "t.yaml",
                "--events-file", "events.jsonl").orElseThrow();
        assertEquals(Optional.of(Path.of("events.jsonl")), options.eventsFile());
        assertEquals(Optional.of(Path.of("e2.jsonl")), LocalStackOptions.parse("--events-file=e2.jsonl").orElseThrow().eventsFile());
        assertEquals(3100, options.port());
        assertEquals(Optional.of(Path.of(".ltv-data")), options.dataDir());
        assertEquals(Optional.of(Path.of("t.yaml")), options.template());
    }

    @Test
    void helpAndMistakes() {
        assertTrue(LocalStackOptions.parse("--help").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.parse("--port"));
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.parse("--port", "x"));
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.parse("--port", "70000"));
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.parse("--verbose"));
        assertThrows(IllegalArgumentException.class, () -> LocalStackOptions.parse("--events-file"));
    }
}
