package dev.ltv.bench.coldstart;

import dev.ltv.dynamodblocal.LocalDynamoDb;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Cold starts of the function jars: each run is a fresh JVM on the function's shaded jar (plus the probe
 * class), with the JVM flags of the template (C1 only) and Lambda's serial GC, configured by environment
 * variables against DynamoDB Local. Reports the median and range of each phase over the runs.
 *
 * <p>Usage (from the repository root, after {@code ./ltv build}):
 * {@code java -cp benchmarks/target/ltv-benchmarks.jar dev.ltv.bench.coldstart.ColdStartBenchmark [runs]}
 */
public final class ColdStartBenchmark {

    private static final Pattern FIGURE = Pattern.compile("(\\w+)Ms=(\\d+)");
    private static final String[][] FUNCTIONS = {
            {"ingest", "functions/ingest-purchase/target/ingest-purchase-lambda.jar"},
            {"recalculate", "functions/recalculate-ltv/target/recalculate-ltv-lambda.jar"},
            {"query", "functions/query-ltv/target/query-ltv-lambda.jar"}};

    private ColdStartBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Path probeDir = Files.createTempDirectory("coldstart-probe");
        // only the probe class joins the function's classpath, not the benchmark jar with its dependencies
        Path probeClass = probeDir.resolve("dev/ltv/bench/coldstart/ColdStartProbe.class");
        Files.createDirectories(probeClass.getParent());
        try (var in = ColdStartProbe.class.getResourceAsStream("ColdStartProbe.class")) {
            Files.copy(in, probeClass);
        }
        StringBuilder report = new StringBuilder();
        report.append("| function | jar MB | JVM start → main | handler init (no-arg constructor) | first invocation | second invocation | cold total (to first answer) |\n");
        report.append("|---|---:|---:|---:|---:|---:|---:|\n");
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
            for (String[] function : FUNCTIONS) {
                Map<String, List<Long>> figures = new HashMap<>();
                for (int run = 0; run < runs; run++) {
                    ProcessBuilder process = new ProcessBuilder(java, "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
                            "-XX:+UseSerialGC", "-Xshare:auto", "-cp", function[1] + ":" + probeDir,
                            ColdStartProbe.class.getName(), function[0]);
                    process.environment().clear();
                    process.environment().putAll(env);
                    process.redirectErrorStream(true);
                    Process started = process.start();
                    String line = null;
                    try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
                        for (String l = out.readLine(); l != null; l = out.readLine()) {
                            if (l.startsWith("coldstart ")) {
                                line = l;
                            }
                        }
                    }
                    if (started.waitFor() != 0 || line == null) {
                        throw new IllegalStateException(function[0] + ": the probe failed (exit " + started.exitValue() + ")");
                    }
                    Matcher matcher = FIGURE.matcher(line);
                    while (matcher.find()) {
                        figures.computeIfAbsent(matcher.group(1), k -> new ArrayList<>()).add(Long.parseLong(matcher.group(2)));
                    }
                }
                double megabytes = Files.size(Path.of(function[1])) / 1_048_576.0;
                report.append(String.format("| %s | %.1f | %s | %s | %s | %s | %s |%n", function[0], megabytes,
                        median(figures.get("jvmToMain")), median(figures.get("init")), median(figures.get("firstInvoke")),
                        median(figures.get("secondInvoke")), median(figures.get("total"))));
            }
        }
        System.out.println(report);
        Path out = Path.of("benchmarks", "target", "coldstart-report.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report.toString());
        System.exit(0); // DynamoDB Local leaves non-daemon threads behind
    }

    private static String median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return String.format("%d ms (%d–%d)", sorted.get(sorted.size() / 2), sorted.get(0), sorted.get(sorted.size() - 1));
    }
}
