package dev.ltv.local;

import dev.ltv.local.lambda.LocalFunction;
import dev.ltv.local.stream.StreamPoller;
import dev.ltv.local.template.FunctionDefinition;
import dev.ltv.local.template.HttpRoute;
import dev.ltv.local.template.StreamEventSource;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/** What {@code ./ltv local} prints once it is listening: where things are and how to try them. */
final class Banner {

    private Banner() {
    }

    static void print(LocalStack stack, Duration startup, PrintStream out) {
        String url = stack.baseUri().toString();
        StringBuilder text = new StringBuilder();
        text.append('\n').append("ltv local stack listening on ").append(url)
                .append(String.format(Locale.ROOT, " (started in %.1f s)%n", startup.toMillis() / 1000.0));
        text.append("  dashboard ").append(stack.dashboardUri()).append(" (open it in a browser)\n");
        text.append("  template  ").append(stack.template().source()).append('\n');
        text.append("  DynamoDB  ").append(stack.dynamoDbEndpoint()).append(stack.dataDir()
                .map(dir -> " (data in " + dir + ")").orElse(" (in memory: gone at exit; --data-dir DIR keeps it)")).append('\n');
        stack.tables().forEach((logicalId, name) -> text.append("  table     ").append(name)
                .append(logicalId.equals(name) ? "" : " (" + logicalId + ")").append('\n'));
        for (LocalFunction function : stack.functions()) {
            for (HttpRoute route : function.definition().routes()) {
                text.append("  route     ").append(route.routeKey()).append(" → ").append(function.logicalId()).append('\n');
            }
        }
        for (StreamPoller poller : stack.pollers()) {
            StreamEventSource source = poller.function().definition().stream().orElseThrow();
            text.append("  stream    ").append(source.tableLogicalId()).append(" → ").append(poller.function().logicalId())
                    .append(" (batch ").append(source.batchSize())
                    .append(source.reportBatchItemFailures() ? ", partial batch failures" : "")
                    .append(source.bisectBatchOnFunctionError() ? ", bisect on error" : "")
                    .append(", retries ").append(source.maximumRetryAttempts() < 0 ? "unlimited" : source.maximumRetryAttempts())
                    .append(")\n");
        }
        for (LocalFunction function : stack.functions()) {
            if (!function.definition().otherEvents().isEmpty()) {
                text.append("  not run   ").append(function.logicalId()).append(": ")
                        .append(String.join(", ", function.definition().otherEvents()))
                        .append(" events are not triggered locally\n");
            }
        }
        for (FunctionDefinition skipped : stack.skippedFunctions()) {
            text.append("  skipped   ").append(skipped.logicalId()).append(": ").append(skipped.handlerClass())
                    .append(" is not on the classpath\n");
        }
        stack.eventsFile().ifPresent(file -> text.append("  events    CustomerSegmentChanged → ").append(file)
                .append(" (one JSON line each; --events-file FILE)\n"));
        text.append("  auth      not enforced locally (on AWS the routes use IAM authorization)\n");
        appendExample(stack, url, text);
        text.append("Ctrl-C to stop.\n");
        out.print(text);
        out.flush();
    }

    private static void appendExample(LocalStack stack, String url, StringBuilder text) {
        boolean ingest = stack.routes().stream().anyMatch(r -> r.routeKey().equals("POST /purchases"));
        boolean query = stack.routes().stream().anyMatch(r -> r.routeKey().equals("GET /customers/{customerId}/ltv"));
        if (!ingest) {
            return;
        }
        String currency = stack.functions().stream()
                .filter(f -> f.definition().routes().stream().anyMatch(r -> r.routeKey().equals("POST /purchases")))
                .map(f -> f.definition().environment().getOrDefault("BASE_CURRENCY", "USD"))
                .findFirst().orElse("USD");
        String purchasedAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).minus(Duration.ofMinutes(1)).toString();
        text.append("Try:\n");
        text.append("  curl -s -X POST ").append(url).append("/purchases -H 'content-type: application/json' \\\n")
                .append("    -d '{\"purchaseId\":\"p-1\",\"customerId\":\"c-1\",\"amount\":49.90,\"currency\":\"").append(currency)
                .append("\",\"purchasedAt\":\"")
                .append(purchasedAt).append("\"}'\n");
        if (query) {
            text.append("  curl -s ").append(url).append("/customers/c-1/ltv\n");
        }
    }
}
