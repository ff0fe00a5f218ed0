package dev.ltv.local;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;

/** The local stack on the test template (test handlers), on a free port, with quick retries. */
final class TestStacks {

    private TestStacks() {
    }

    static Path testTemplate() {
        try {
            return Path.of(TestStacks.class.getResource("/test-template.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static LocalStackOptions options() {
        return LocalStackOptions.defaults()
                .withPort(0)
                .withTemplate(testTemplate())
                .withPollInterval(Duration.ofMillis(50))
                .withRetryBackoff(Duration.ofMillis(20));
    }
}
