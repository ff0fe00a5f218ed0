package dev.ltv.local;

import java.nio.file.Files;
import java.nio.file.Path;

/** Files of the checkout the end-to-end tests run against: the template, the sample data. */
public final class RepositoryFiles {

    private RepositoryFiles() {
    }

    /** The checkout's root: the first folder above the working directory that holds {@code template.yaml}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }

    /** The repository's SAM template. */
    public static Path template() {
        return root().resolve("template.yaml");
    }
}
