package dev.ltv.cli.clv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ClvCommandTest {

    @TempDir
    static Path dir;
    static Path cdnow;

    @BeforeAll
    static void copyCdnow() throws IOException {
        cdnow = dir.resolve("cdnow.csv");
        try (InputStream in = ClvCommandTest.class.getResourceAsStream("/cdnow_transactions.csv")) {
            Files.copy(in, cdnow);
        }
    }

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = ClvCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String printed(String value, int decimals) {
        return new BigDecimal(value).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
    }

    @Test
    void writesCsvSummaryParametersAndPredictionsForCdnow() throws IOException {
        Path out = dir.resolve("csv");
        Run run = run("--as-of", "1997-09-30", "--unit", "weeks", "--horizon-months", "12", "--discount-rate", "0.01",
                "--margin", "1", "--format", "csv", "--out", out.toString(), cdnow.toString());
        assertEquals(0, run.code(), run.err());

        List<String> rfm = Files.readAllLines(out.resolve("rfm.csv"));
        assertEquals("customer_id,frequency,recency_weeks,T_weeks,monetary_value", rfm.get(0));
        assertEquals(1 + 2357, rfm.size());
        assertEquals("1,2,30.428571,38.857143,22.345", rfm.get(1));

        Map<String, String> parameters = new HashMap<>();
        for (String line : Files.readAllLines(out.resolve("parameters.csv")).subList(1, 18)) {
            String[] kv = line.split(",");
            parameters.put(kv[0], kv[1]);
        }
        assertEquals("1997-09-30", parameters.get("as_of"));
        assertEquals("weeks", parameters.get("unit"));
        assertEquals("0.243", printed(parameters.get("bgnbd_r"), 3));
        assertEquals("4.414", printed(parameters.get("bgnbd_alpha"), 3));
        assertEquals("0.793", printed(parameters.get("bgnbd_a"), 3));
        assertEquals("2.426", printed(parameters.get("bgnbd_b"), 3));
        assertEquals("-9582.4", printed(parameters.get("bgnbd_log_likelihood"), 1));
        assertEquals("6.25", printed(parameters.get("gamma_gamma_p"), 2));
        assertEquals("3.74", printed(parameters.get("gamma_gamma_q"), 2));
        assertEquals("15.44", printed(parameters.get("gamma_gamma_gamma"), 2));
        assertEquals("946", parameters.get("gamma_gamma_customers"));

        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        assertEquals("customer_id,status,expected_purchases_next_12_months,p_alive,expected_spend,clv_12_months,reason",
                predictions.get(0));
        assertEquals(1 + 2357, predictions.size());
        String[] one = predictions.get(1).split(",", -1);
        assertEquals("1", one[0]);
        assertEquals("ok", one[1]);
        // P(alive) by hand with the fitted parameters, 1 / (1 + a/(b+1) · ((α+T)/(α+t_x))^(r+2))
        double r = Double.parseDouble(parameters.get("bgnbd_r"));
        double alpha = Double.parseDouble(parameters.get("bgnbd_alpha"));
        double a = Double.parseDouble(parameters.get("bgnbd_a"));
        double b = Double.parseDouble(parameters.get("bgnbd_b"));
        double alive = 1 / (1 + a / (b + 1) * Math.pow((alpha + 272 / 7.0) / (alpha + 213 / 7.0), r + 2));
        assertEquals(alive, Double.parseDouble(one[3]), 1e-6);
        // expected spend by hand: p(γ + x m̄)/(px + q − 1)
        double p = Double.parseDouble(parameters.get("gamma_gamma_p"));
        double q = Double.parseDouble(parameters.get("gamma_gamma_q"));
        double g = Double.parseDouble(parameters.get("gamma_gamma_gamma"));
        assertEquals(p * (g + 2 * 22.345) / (2 * p + q - 1), Double.parseDouble(one[4]), 1e-6);
        double clv = Double.parseDouble(one[5]);
        double undiscounted = Double.parseDouble(one[2]) * Double.parseDouble(one[4]);
        assertTrue(clv < undiscounted && clv > undiscounted / Math.pow(1.01, 12));
        assertTrue(run.out().contains("2357 customers as of 1997-09-30 (weeks)"), run.out());
    }

    @Test
    void writesJsonWithTheUnitInEveryFile() throws IOException {
        Path out = dir.resolve("json");
        Run run = run("--as-of=1997-09-30", "--unit=days", "--format=json", "--out=" + out, cdnow.toString());
        assertEquals(0, run.code(), run.err());
        ObjectMapper mapper = new ObjectMapper();
        JsonNode rfm = mapper.readTree(out.resolve("rfm.json").toFile());
        assertEquals("days", rfm.get("unit").asText());
        assertEquals(213, rfm.get("customers").get(0).get("recency").asInt());
        assertEquals(272, rfm.get("customers").get(0).get("T").asInt());
        JsonNode parameters = mapper.readTree(out.resolve("parameters.json").toFile());
        assertEquals("days", parameters.get("unit").asText());
        assertEquals(4.414 * 7, parameters.get("bgnbdAlpha").asDouble(), 0.01);
        assertEquals(365.25 / 12, parameters.get("daysPerMonth").asDouble(), 1e-12);
        JsonNode predictions = mapper.readTree(out.resolve("predictions.json").toFile());
        assertEquals(12, predictions.get("horizonMonths").asInt());
        assertEquals(2357, predictions.get("customers").size());
        assertEquals("ok", predictions.get("customers").get(0).get("status").asText());
    }

    @Test
    void badInputFailsWithAClearMessageAndWritesNothing() throws IOException {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "customer_id,date,amount\n1,1997-01-01,10\n2,01/02/1997,5\n");
        Path out = dir.resolve("bad-out");
        Run run = run("--out", out.toString(), bad.toString());
        assertEquals(2, run.code());
        assertTrue(run.err().contains("line 3: date '01/02/1997' is not an ISO date"), run.err());
        assertFalse(Files.exists(out));

        Run unit = run("--unit", "months", "--out", out.toString(), cdnow.toString());
        assertEquals(2, unit.code());
        assertTrue(unit.err().contains("time unit must be 'days' or 'weeks'"), unit.err());
        assertTrue(unit.err().contains("usage: ltv clv"), unit.err());

        Run missing = run("--out", out.toString(), dir.resolve("nope.csv").toString());
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("no such file"), missing.err());

        Run negative = run("--discount-rate", "-0.5", "--out", out.toString(), cdnow.toString());
        assertEquals(2, negative.code());
        assertTrue(negative.err().contains("discount rate"), negative.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void tooSmallALogIsReportedAsInsufficientData() throws IOException {
        Path small = dir.resolve("small.csv");
        Files.writeString(small, "customer_id,date,amount\n1,2024-01-01,10\n1,2024-01-05,12\n2,2024-01-02,8\n");
        Path out = dir.resolve("small-out");
        Run run = run("--out", out.toString(), small.toString());
        assertEquals(4, run.code());
        assertTrue(run.err().contains("insufficient data") && run.err().contains("at least 30 customers"), run.err());
        assertTrue(Files.exists(out.resolve("rfm.csv")));
        assertFalse(Files.exists(out.resolve("predictions.csv")));
    }
}
