package dev.ltv.bench.coldstart;

import dev.ltv.dynamodblocal.LocalDynamoDb;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the function jars: each run is a fresh JVM on the function's shaded jar (plus the probe
 * class), with the JVM flags of the template (C1 only) and Lambda's serial GC, configured by environment
 * variables against DynamoDB Local. For each function and round, in turn: a plain cold start (no snapshot) and
 * the naive reference handler's cold start when one is given (in alternating order), then a cold start with the
 * SnapStart priming run in init. Reports the median and range of each phase, and the ratios measured side by side: project / naive cold
 * total (median of the per-round ratios), and the first invocation after priming / a warm one.
 *
 * <p>Usage (from the repository root, after {@code ./ltv build}):
 * {@code java -cp benchmarks/target/ltv-benchmarks.jar dev.ltv.bench.coldstart.ColdStartBenchmark [rounds] [naive.jar]}
 * where {@code naive.jar} holds handlers written the usual tutorial way ({@code naive.NaiveQueryHandler},
 * {@code naive.NaiveIngestHandler} and their {@code naive.NaiveProbe}, printing the same fields).
 * {@code -Dcoldstart.functions=query,fit} runs only those functions; {@code -Dcoldstart.jvmOptions="…"} adds
 * options to every probe's JVM (e.g. {@code -Xlog:class+load:file=classes-%p.log} for a class-load profile).
 */
public final class ColdStartBenchmark {

    private static final Pattern FIGURE = Pattern.compile("(\\w+)Ms=(\\d+)");
    private static final Pattern CPU_SECONDS = Pattern.compile("=(\\d+\\.\\d+)");
    /** GNU time, for each probe's CPU time (user + system, whole run) when the machine has it. */
    private static final Path TIME = Path.of("/usr/bin/time");
    private static final String[][] FUNCTIONS = {
            {"ingest", "functions/ingest-purchase/target/ingest-purchase-lambda.jar"},
            {"recalculate", "functions/recalculate-ltv/target/recalculate-ltv-lambda.jar"},
            {"query", "functions/query-ltv/target/query-ltv-lambda.jar"},
            {"fit", "functions/fit-model/target/fit-model-lambda.jar"}};
    /** The naive reference has these two. */
    private static final List<String> WITH_NAIVE = List.of("ingest", "query");

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Optional<Path> naiveJar = args.length > 1 ? Optional.of(Path.of(args[1])) : Optional.empty();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path probeDir = Files.createTempDirectory("coldstart-probe");
        // only the probe class joins the function's classpath, not the benchmark jar with its dependencies
        Path probeClass = probeDir.resolve("dev/ltv/bench/coldstart/ColdStartProbe.class");
        Files.createDirectories(probeClass.getParent());
        try (var in = ColdStartProbe.class.getResourceAsStream("ColdStartProbe.class")) {
            Files.copy(in, probeClass);
        }
        StringBuilder table = new StringBuilder();
        table.append("| function | variant | jar MB | JVM start → main | handler init | priming | first invocation | second invocation | cold total (to first answer, priming excluded) | process CPU (whole run) |\n");
        table.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        StringBuilder ratios = new StringBuilder();
        ratios.append("| function | cold total, project / naive (median of per-round ratios) | process CPU, plain project / naive | first invocation after priming / second (warm) |\n");
        ratios.append("|---|---:|---:|---:|\n");
        try (LocalDynamoDb dynamo = LocalDynamoDb.start(Optional.empty())) {
            Map<String, String> tables = dynamo.createTables("");
            Map<String, String> env = new HashMap<>(System.getenv());
            env.put("PURCHASES_TABLE", tables.get("PurchasesTable"));
            env.put("LTV_TABLE", tables.get("LtvTable"));
            env.put("DYNAMODB_ENDPOINT", dynamo.endpoint().toString());
            env.put("AWS_REGION", LocalDynamoDb.REGION);
            env.put("AWS_ACCESS_KEY_ID", LocalDynamoDb.ACCESS_KEY);
            env.put("AWS_SECRET_ACCESS_KEY", LocalDynamoDb.ACCESS_KEY);
            env.put("DEAD_LETTER_QUEUE_URL", "");
            env.remove("JAVA_TOOL_OPTIONS");
            List<String> only = List.of(System.getProperty("coldstart.functions", "ingest,recalculate,query,fit").split(","));
            if (!only.containsAll(List.of("ingest", "recalculate"))) {
                // the query reads the customer that an ingest and a recalculation leave behind
                run(java, FUNCTIONS[0][1] + ":" + probeDir, ColdStartProbe.class.getName(), "ingest", "plain", env);
                run(java, FUNCTIONS[1][1] + ":" + probeDir, ColdStartProbe.class.getName(), "recalculate", "plain", env);
            }
            for (String[] function : FUNCTIONS) {
                String name = function[0];
                if (!only.contains(name)) {
                    continue;
                }
                boolean withNaive = naiveJar.isPresent() && WITH_NAIVE.contains(name);
                Map<String, Map<String, List<Long>>> variants = new LinkedHashMap<>();
                List<Double> perRound = new ArrayList<>();
                List<Double> cpuPerRound = new ArrayList<>();
                List<Double> firstOverWarm = new ArrayList<>();
                for (int round = 0; round < rounds; round++) {
                    // which of the pair goes first alternates, so that neither always follows the other's load
                    Map<String, Long> naive = withNaive && round % 2 == 1
                            ? run(java, naiveJar.get().toString(), "naive.NaiveProbe", name, null, env) : null;
                    Map<String, Long> plain = run(java, function[1] + ":" + probeDir, ColdStartProbe.class.getName(), name, "plain", env);
                    if (withNaive && naive == null) {
                        naive = run(java, naiveJar.get().toString(), "naive.NaiveProbe", name, null, env);
                    }
                    record(variants, "plain", plain);
                    if (withNaive) {
                        record(variants, "naive", naive);
                        perRound.add((double) plain.get("total") / naive.get("total"));
                        if (plain.containsKey("cpu") && naive.containsKey("cpu")) {
                            cpuPerRound.add((double) plain.get("cpu") / Math.max(1, naive.get("cpu")));
                        }
                    }
                    Map<String, Long> primed = run(java, function[1] + ":" + probeDir, ColdStartProbe.class.getName(), name, "prime", env);
                    record(variants, "primed", primed);
                    firstOverWarm.add((double) primed.get("firstInvoke") / Math.max(1, primed.get("secondInvoke")));
                }
                variants.forEach((variant, figures) -> {
                    Path jar = Path.of(variant.equals("naive") ? naiveJar.get().toString() : function[1]);
                    table.append(String.format("| %s | %s | %.1f | %s | %s | %s | %s | %s | %s | %s |%n", name, variant, megabytes(jar),
                            median(figures.get("jvmToMain")), median(figures.get("init")),
                            figures.containsKey("prime") && !variant.equals("plain") ? median(figures.get("prime")) : "–",
                            median(figures.get("firstInvoke")), median(figures.get("secondInvoke")), median(figures.get("total")),
                            figures.containsKey("cpu") ? median(figures.get("cpu")) : "–"));
                });
                ratios.append(String.format("| %s | %s | %s | %s |%n", name, perRound.isEmpty() ? "–" : ratio(perRound),
                        cpuPerRound.isEmpty() ? "–" : ratio(cpuPerRound), ratio(firstOverWarm)));
            }
        }
        String report = table + "\n" + ratios;
        System.out.println(report);
        Path out = Path.of("benchmarks", "target", "coldstart-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report);
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    private static Map<String, Long> run(String java, String classpath, String probe, String function, String mode,
                                         Map<String, String> env) throws Exception {
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(TIME)) {
            // CPU time of the whole process: unlike the wall clock, hardly moved by other processes' load
            command.addAll(List.of(TIME.toString(), "-f", "coldstart-cpu user=%U sys=%S"));
        }
        command.addAll(List.of(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC", "-Xshare:auto"));
        String extra = System.getProperty("coldstart.jvmOptions", "").strip();
        if (!extra.isEmpty()) {
            command.addAll(List.of(extra.split("\\s+")));
        }
        command.addAll(List.of("-cp", classpath, probe, function));
        if (mode != null) {
            command.add(mode);
        }
        ProcessBuilder process = new ProcessBuilder(command);
        process.environment().clear();
        process.environment().putAll(env);
        process.redirectErrorStream(true);
        Process started = process.start();
        String line = null;
        String cpu = null;
        List<String> output = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l = out.readLine(); l != null; l = out.readLine()) {
                output.add(l);
                if (l.startsWith("coldstart ")) {
                    line = l;
                } else if (l.startsWith("coldstart-cpu ")) {
                    cpu = l;
                }
            }
        }
        if (started.waitFor() != 0 || line == null) {
            throw new IllegalStateException(function + " (" + probe + "): the probe failed (exit " + started.exitValue() + "):\n"
                    + String.join("\n", output.subList(Math.max(0, output.size() - 30), output.size())));
        }
        Map<String, Long> figures = new HashMap<>();
        Matcher matcher = FIGURE.matcher(line);
        while (matcher.find()) {
            figures.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        if (cpu != null) {
            Matcher seconds = CPU_SECONDS.matcher(cpu);
            double total = 0;
            while (seconds.find()) {
                total += Double.parseDouble(seconds.group(1));
            }
            figures.put("cpu", Math.round(total * 1000));
        }
        return figures;
    }

    private static void record(Map<String, Map<String, List<Long>>> variants, String variant, Map<String, Long> figures) {
        Map<String, List<Long>> into = variants.computeIfAbsent(variant, v -> new HashMap<>());
        figures.forEach((name, value) -> into.computeIfAbsent(name, k -> new ArrayList<>()).add(value));
    }

    private static double megabytes(Path jar) {
        try {
            return Files.size(jar) / 1_048_576.0;
        } catch (java.io.IOException e) {
            return Double.NaN;
        }
    }

    private static String median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return String.format("%d ms (%d–%d)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }

    private static String ratio(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        return String.format("%.2f (%.2f–%.2f)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
