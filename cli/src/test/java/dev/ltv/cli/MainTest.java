package dev.ltv.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MainTest {

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheCommandsAndTheExitCodes() {
        Run help = run("--help");
        assertEquals(ExitCode.OK, help.code());
        assertTrue(help.out().contains("import ORDERS.csv") && help.out().contains("clv LOG.csv") && help.out().contains("repair"), help.out());
        assertTrue(help.out().contains("2 usage error"), help.out());
    }

    @Test
    void everyCommandPrintsItsOptionsWithHelp() {
        assertTrue(run("import", "--help").out().startsWith("usage: ltv import ORDERS.csv"));
        assertTrue(run("clv", "--help").out().startsWith("usage: ltv clv"));
        assertTrue(run("repair", "-h").out().startsWith("usage: ltv repair"));
    }

    @Test
    void usageErrorsExitWithTwoAndSayWhatIsWrong() {
        assertEquals(ExitCode.USAGE, run().code());
        Run unknown = run("frobnicate");
        assertEquals(ExitCode.USAGE, unknown.code());
        assertTrue(unknown.err().contains("unknown command 'frobnicate'"), unknown.err());
        Run option = run("import", "orders.csv", "--concurrency", "0");
        assertEquals(ExitCode.USAGE, option.code());
        assertTrue(option.err().contains("--concurrency needs a whole number from 1 to 32, got '0'"), option.err());
        Run missing = run("import", "no-such-orders.csv");
        assertEquals(ExitCode.USAGE, missing.code());
        assertTrue(missing.err().contains("no such file: no-such-orders.csv"), missing.err());
        Run repair = run("repair", "--all");
        assertEquals(ExitCode.USAGE, repair.code());
        assertTrue(repair.err().contains("--purchases-table and --ltv-table are required"), repair.err());
    }
}
