package dev.ltv.cli.importer;

import dev.ltv.cli.ExitCode;
import dev.ltv.cli.UsageException;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Reads the orders file once, in order, and posts it in batches, {@code concurrency} at a time. Keeps the
 * acknowledged prefix (every row before the first unfinished batch) in the progress file, so that
 * {@link #stop()}, called by the shutdown hook on Ctrl-C, and a crash both leave a position to resume from.
 */
final class Importer {

    private static final Duration SAVE_EVERY = Duration.ofMillis(200);

    private record Batch(long sequence, long lastRow, List<OrderRow> rows) {
    }

    private final ImportOptions options;
    private final PurchasesApi api;
    private final PrintStream out;
    private final PrintStream err;

    private final AtomicLong created = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong acknowledged = new AtomicLong();
    private final Map<Long, Long> finished = new HashMap<>();
    private long nextToAcknowledge;
    private long lastSave;

    private volatile boolean stopping;
    private volatile String failure;
    private volatile boolean done;
    private ExecutorService pool;
    private RejectsFile rejects;
    private ResumePoint resume;
    private ProgressDisplay progress;

    Importer(ImportOptions options, PurchasesApi api, PrintStream out, PrintStream err) {
        this.options = options;
        this.api = api;
        this.out = out;
        this.err = err;
    }

    int run() throws IOException, InterruptedException {
        long size;
        List<String> header;
        long total;
        try (Reader in = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8)) {
            size = Files.size(options.input());
            CsvRecords records = new CsvRecords(in);
            header = records.next();
            if (header == null) {
                throw new UsageException(options.input() + " is empty: it needs a header row and orders");
            }
            total = 0;
            while (records.next() != null) {
                total++;
            }
        } catch (NoSuchFileException e) {
            throw new UsageException("no such file: " + e.getFile());
        }
        OrderMapping mapping = new OrderMapping(header, options);
        resume = new ResumePoint(options.progressFile(), size, mapping.fingerprint());
        long startAt = options.restart() ? 0 : resume.load();
        rejects = new RejectsFile(options.rejects(), header);
        rejects.open(startAt);
        long rejectedBefore = rejects.written();
        acknowledged.set(startAt);
        if (startAt > 0) {
            err.printf(Locale.ROOT, "import: resuming after row %,d of %,d (%s)%n", startAt, total, options.progressFile());
        }
        ProgressDisplay.Style style = switch (options.progress()) {
            case AUTO -> ProgressDisplay.auto();
            case BAR -> ProgressDisplay.Style.BAR;
            case LINES -> ProgressDisplay.Style.LINES;
            case NONE -> ProgressDisplay.Style.NONE;
        };
        progress = new ProgressDisplay(err, style, total, startAt, acknowledged::get, rejects::written,
                style == ProgressDisplay.Style.BAR ? Duration.ofMillis(200) : Duration.ofSeconds(5));
        long started = System.nanoTime();
        pool = Executors.newFixedThreadPool(options.concurrency());
        Semaphore inFlight = new Semaphore(options.concurrency());
        long sequence = 0;
        long submittedRows = 0;
        try (Reader in = Files.newBufferedReader(options.input(), StandardCharsets.UTF_8)) {
            CsvRecords records = new CsvRecords(in);
            records.next();
            List<OrderRow> rows = new ArrayList<>(options.batchSize());
            long number = 0;
            for (List<String> record = records.next(); record != null && !stopping && failure == null; record = records.next()) {
                OrderRow row = mapping.map(++number, record);
                if (number <= startAt) {
                    continue; // mapped all the same: derived ids count identical rows from the first row
                }
                rows.add(row);
                if (rows.size() == options.batchSize()) {
                    submittedRows += rows.size();
                    pace(started, submittedRows);
                    inFlight.acquire();
                    submit(new Batch(sequence++, number, rows), inFlight);
                    rows = new ArrayList<>(options.batchSize());
                }
            }
            if (!rows.isEmpty() && !stopping && failure == null) {
                inFlight.acquire();
                submit(new Batch(sequence++, number, rows), inFlight);
            }
        }
        pool.shutdown();
        pool.awaitTermination(365, TimeUnit.DAYS);
        if (stopping) {
            return 130; // the shutdown hook saves the position and reports
        }
        synchronized (this) {
            progress.close();
            rejects.close();
            if (failure != null) {
                resume.save(acknowledged.get());
                err.printf(Locale.ROOT, "import: %s%nimport: %,d of %,d rows imported; the position is saved in %s: "
                        + "run the same command again to resume%n", failure, acknowledged.get(), total, resume.file());
                return ExitCode.FAILURE;
            }
            done = true;
            resume.delete();
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        long rejected = rejects.written();
        String where = rejected == 0 ? ""
                : rejectedBefore == 0 ? " (see " + rejects.file() + ")"
                : String.format(Locale.ROOT, " (%,d in all, see %s)", rejected, rejects.file());
        out.printf(Locale.ROOT, "import: %,d rows in %.1f s (%,.0f rows/s): %,d new, %,d already there, %,d rejected%s%n",
                total - startAt, seconds, (total - startAt) / Math.max(seconds, 1e-3), created.get(), duplicates.get(),
                rejected - rejectedBefore, where);
        return rejected > 0 ? ExitCode.PARTIAL : ExitCode.OK;
    }

    /** Stops reading, lets the batches in flight finish (up to 20 s) and saves the position; for the shutdown hook. */
    void stop() {
        if (done || pool == null) {
            return;
        }
        stopping = true;
        try {
            pool.shutdown();
            pool.awaitTermination(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        synchronized (this) {
            if (done) {
                return;
            }
            try {
                progress.close();
                rejects.close();
                resume.save(acknowledged.get());
                err.printf(Locale.ROOT, "import: interrupted after %,d rows; the position is saved in %s: "
                        + "run the same command again to resume%n", acknowledged.get(), resume.file());
            } catch (IOException e) {
                err.println("import: interrupted, and the position could not be saved (" + e.getMessage()
                        + "): the same command starts again at the first row and stores nothing twice");
            }
        }
    }

    private void submit(Batch batch, Semaphore inFlight) {
        try {
            pool.execute(() -> post(batch, inFlight));
        } catch (RejectedExecutionException e) {
            inFlight.release(); // stopping: the shutdown hook closed the pool
        }
    }

    private void post(Batch batch, Semaphore inFlight) {
        try {
            List<OrderRow> toPost = new ArrayList<>(batch.rows().size());
            batch.rows().stream().filter(row -> !row.refusedLocally()).forEach(toPost::add);
            List<RowResult> results = toPost.isEmpty() ? List.of() : api.post(toPost);
            complete(batch, results);
        } catch (ImportFailure e) {
            failure = e.getMessage();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            failure = "cannot write " + rejects.file() + " or " + resume.file() + ": " + e.getMessage();
        } catch (RuntimeException e) {
            failure = "unexpected: " + e;
        } finally {
            inFlight.release();
        }
    }

    private synchronized void complete(Batch batch, List<RowResult> results) throws IOException {
        if (done) {
            return;
        }
        List<RowResult> outcomes = new ArrayList<>(results);
        for (OrderRow row : batch.rows()) {
            if (row.refusedLocally()) {
                outcomes.add(RowResult.rejected(row, row.errorCode(), row.errorMessage()));
            }
        }
        outcomes.sort((a, b) -> Long.compare(a.row().number(), b.row().number()));
        for (RowResult outcome : outcomes) {
            switch (outcome.status()) {
                case CREATED -> created.incrementAndGet();
                case DUPLICATE -> duplicates.incrementAndGet();
                case REJECTED -> rejects.write(outcome.row(), outcome.code(), outcome.message());
            }
        }
        finished.put(batch.sequence(), batch.lastRow());
        boolean advanced = false;
        while (finished.containsKey(nextToAcknowledge)) {
            acknowledged.set(finished.remove(nextToAcknowledge++));
            advanced = true;
        }
        long now = System.nanoTime();
        if (advanced && now - lastSave >= SAVE_EVERY.toNanos()) {
            // rejects first: a saved position promises that the rejects of the rows before it are on disk
            rejects.flush();
            resume.save(acknowledged.get());
            lastSave = now;
        }
    }

    /** With --rate: waits until the rows submitted so far fit the rate. */
    private void pace(long started, long submittedRows) throws InterruptedException {
        if (options.rate() <= 0) {
            return;
        }
        long due = started + (long) (submittedRows / options.rate() * 1e9);
        long wait = due - System.nanoTime();
        if (wait > 0) {
            TimeUnit.NANOSECONDS.sleep(wait);
        }
    }

}
