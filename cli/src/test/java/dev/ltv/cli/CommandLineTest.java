package dev.ltv.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CommandLineTest {

    @Test
    void optionsTakeTheirValueAfterAnEqualsSignOrAsTheNextArgument() {
        CommandLine line = new CommandLine(new String[] {"--api=http://h:1", "orders.csv", "--zone", "Europe/Berlin", "--sigv4"});
        assertEquals("--api", line.next());
        assertEquals("http://h:1", line.value("--api"));
        assertEquals("orders.csv", line.next());
        assertEquals("--zone", line.next());
        assertEquals("Europe/Berlin", line.value("--zone"));
        assertEquals("--sigv4", line.next());
        line.flag("--sigv4");
        assertFalse(line.hasNext());
    }

    @Test
    void aMissingValueAndAValueOnAFlagAreUsageErrorsNamingTheOption() {
        CommandLine line = new CommandLine(new String[] {"--out"});
        line.next();
        assertEquals("--out needs a value", assertThrows(UsageException.class, () -> line.value("--out")).getMessage());

        CommandLine flag = new CommandLine(new String[] {"--all=yes"});
        assertEquals("--all", flag.next());
        assertEquals("--all takes no value", assertThrows(UsageException.class, () -> flag.flag("--all")).getMessage());
    }

    @Test
    void anEqualsSignInAPositionalArgumentIsPartOfIt() {
        CommandLine line = new CommandLine(new String[] {"a=b.csv"});
        assertEquals("a=b.csv", line.next());
    }
}
