package dev.ltv.local.events;

import dev.ltv.segment.store.SegmentChange;
import dev.ltv.segment.store.SegmentEventSink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/**
 * The local stand-in for the EventBridge bus: each {@code CustomerSegmentChanged} event is appended to a file as one
 * JSON line shaped like the event EventBridge would deliver ({@code source}, {@code detail-type}, {@code detail}).
 * Delivery is at least once, as on AWS: consumers drop duplicates by {@code detail.eventId}.
 */
public final class EventsFile implements SegmentEventSink {

    private final Path file;

    public EventsFile(Path file) {
        this.file = file.toAbsolutePath();
        try {
            if (this.file.getParent() != null) {
                Files.createDirectories(this.file.getParent());
            }
            if (!Files.exists(this.file)) {
                Files.createFile(this.file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the events file " + this.file, e);
        }
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void publish(List<SegmentChange> events) {
        StringBuilder lines = new StringBuilder();
        for (SegmentChange event : events) {
            lines.append("{\"source\":\"").append(SegmentChange.SOURCE).append("\",\"detail-type\":\"")
                    .append(SegmentChange.DETAIL_TYPE).append("\",\"time\":\"").append(event.at())
                    .append("\",\"detail\":").append(event.detailJson()).append("}\n");
        }
        try {
            Files.writeString(file, lines, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the events file " + file, e);
        }
    }
}
