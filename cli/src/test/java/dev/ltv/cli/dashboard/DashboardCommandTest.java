package dev.ltv.cli.dashboard;

import dev.ltv.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DashboardCommandTest {

    @Test
    void readsTheApiPortRegionAndSigning() {
        DashboardCommand.Options options = DashboardCommand.parse(new String[] {
                "--api", "https://abc123.execute-api.eu-west-1.amazonaws.com/prod", "--port=0", "--region", "eu-west-1"});
        assertEquals(URI.create("https://abc123.execute-api.eu-west-1.amazonaws.com/prod"), options.api());
        assertEquals(0, options.port());
        assertEquals("eu-west-1", options.region());
        assertTrue(options.sign());
        DashboardCommand.Options unsigned = DashboardCommand.parse(new String[] {"--api=http://127.0.0.1:3000", "--no-sign"});
        assertEquals(DashboardCommand.DEFAULT_PORT, unsigned.port());
        assertEquals(false, unsigned.sign());
    }

    @Test
    void refusesWhatItCannotUse() {
        for (String[] args : new String[][] {{}, {"--api"}, {"--api", "abc"}, {"--api", "ftp://x.example"},
                {"--api", "https://x.example/?a=1"}, {"--api", "https://x.example", "--port", "70000"},
                {"--api", "https://x.example", "--port", "x"}, {"--api", "https://x.example", "--no-sign=yes"},
                {"--api", "https://x.example", "extra"}, {"--api", "https://x.example", "--sigv4"}}) {
            assertThrows(UsageException.class, () -> DashboardCommand.parse(args), String.join(" ", args));
        }
    }
}
