package dev.ltv.recalc;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository (events/, template.yaml) from wherever the build runs the tests. */
final class RepoFiles {

    private RepoFiles() {
    }

    static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("template.yaml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("no template.yaml above the working directory");
        }
        return dir;
    }

    static Path event(String name) {
        return root().resolve("events").resolve(name);
    }
}
