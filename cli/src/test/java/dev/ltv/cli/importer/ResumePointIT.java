package dev.ltv.cli.importer;

import dev.ltv.cli.UsageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The progress and rejects files on disk: what a resumed run starts from. */
class ResumePointIT {

    @TempDir
    Path dir;

    @Test
    void aSavedPositionIsReadBackForTheSameFileAndMappingOnly() throws IOException {
        Path file = dir.resolve("orders.import-progress");
        assertEquals(0, new ResumePoint(file, 1000, "abc").load());
        new ResumePoint(file, 1000, "abc").save(300);
        assertEquals(300, new ResumePoint(file, 1000, "abc").load());
        assertFalse(Files.exists(dir.resolve("orders.import-progress.tmp")));

        UsageException otherFile = assertThrows(UsageException.class, () -> new ResumePoint(file, 1001, "abc").load());
        assertTrue(otherFile.getMessage().contains("--restart"), otherFile.getMessage());
        assertThrows(UsageException.class, () -> new ResumePoint(file, 1000, "other mapping").load());

        new ResumePoint(file, 1000, "abc").delete();
        assertFalse(Files.exists(file));
    }

    @Test
    void onResumeTheRejectsOfAcknowledgedRowsAreKeptAndLaterOnesDropped() throws IOException {
        Path path = dir.resolve("orders.rejects.csv");
        List<String> header = List.of("customer_id", "date", "amount");
        try (RejectsFile rejects = new RejectsFile(path, header)) {
            rejects.open(0);
            rejects.write(new OrderRow(3, List.of("c1", "2026-01-01", "0"), null, null, null), "INVALID_FIELD", "amount: must be greater than 0");
            rejects.write(new OrderRow(250, List.of("c2", "2026-01-02", "x,y"), null, null, null), "INVALID_FIELD", "amount: \"x,y\" is not a number");
        }
        try (RejectsFile resumed = new RejectsFile(path, header)) {
            resumed.open(200); // rows after 200 are posted again and refused again
            assertEquals(1, resumed.written());
            resumed.write(new OrderRow(250, List.of("c2", "2026-01-02", "x,y"), null, null, null), "INVALID_FIELD", "amount: \"x,y\" is not a number");
        }
        assertEquals(List.of(
                "row,customer_id,date,amount,error_code,error",
                "3,c1,2026-01-01,0,INVALID_FIELD,amount: must be greater than 0",
                "250,c2,2026-01-02,\"x,y\",INVALID_FIELD,\"amount: \"\"x,y\"\" is not a number\""), Files.readAllLines(path));
    }
}
