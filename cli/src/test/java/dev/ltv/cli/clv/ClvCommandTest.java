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
import java.time.LocalDate;
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
                "--margin", "1", "--model", "bgnbd", "--format", "csv", "--out", out.toString(), cdnow.toString());
        assertEquals(0, run.code(), run.err());

        List<String> rfm = Files.readAllLines(out.resolve("rfm.csv"));
        assertEquals("customer_id,frequency,recency_weeks,T_weeks,monetary_value", rfm.get(0));
        assertEquals(1 + 2357, rfm.size());
        assertEquals("1,2,30.428571,38.857143,22.345", rfm.get(1));

        Map<String, String> parameters = new HashMap<>();
        List<String> parameterLines = Files.readAllLines(out.resolve("parameters.csv"));
        for (String line : parameterLines.subList(1, parameterLines.size())) {
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
        assertEquals("customer_id,status,expected_purchases_next_12_months,p_alive,expected_spend,clv_12_months,"
                + "expected_purchases_lower,expected_purchases_upper,p_alive_lower,p_alive_upper,clv_lower,clv_upper,"
                + "reason", predictions.get(0));
        assertEquals("bgnbd", parameters.get("model"));
        assertTrue(Double.parseDouble(parameters.get("bgnbd_r_se")) > 0);
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
        Run run = run("--as-of=1997-09-30", "--unit=days", "--model=bgnbd", "--format=json", "--out=" + out,
                cdnow.toString());
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
    void scoresEveryModelOnTheHoldoutAndGivesIntervals() throws IOException {
        Path out = dir.resolve("holdout");
        Run run = run("--as-of", "1998-06-30", "--holdout-weeks", "39", "--out", out.toString(), cdnow.toString());
        assertEquals(0, run.code(), run.err());
        assertTrue(run.out().contains("holdout 1997-10-01 .. 1998-06-30"), run.out());

        // the holdout's repeat purchases counted straight from the CSV: distinct (customer, day) after the
        // calibration end, of customers whose first purchase is on or before it
        LocalDate end = LocalDate.of(1997, 9, 30);
        List<String[]> lines = Files.readAllLines(cdnow).stream().skip(1).map(l -> l.split(",")).toList();
        Map<String, LocalDate> first = new HashMap<>();
        lines.forEach(f -> first.merge(f[0], LocalDate.parse(f[1]), (a, b) -> a.isBefore(b) ? a : b));
        long expected = lines.stream().filter(f -> LocalDate.parse(f[1]).isAfter(end)
                        && !first.get(f[0]).isAfter(end)).map(f -> f[0] + "/" + f[1]).distinct().count();

        List<String> scorecard = Files.readAllLines(out.resolve("scorecard.csv"));
        assertEquals(4, scorecard.size());
        List<String> header = List.of(scorecard.get(0).split(","));
        int chosen = 0;
        for (String line : scorecard.subList(1, 4)) {
            String[] f = line.split(",", -1);
            assertEquals("ok", f[header.indexOf("status")], line);
            assertEquals(expected, Long.parseLong(f[header.indexOf("actual_purchases")]), line);
            assertEquals("2357", f[header.indexOf("customers")]);
            assertEquals("39", f[header.indexOf("holdout_weeks")]);
            chosen += Boolean.parseBoolean(f[header.indexOf("chosen")]) ? 1 : 0;
        }
        assertEquals(1, chosen);
        assertEquals(1 + 3 * 8, Files.readAllLines(out.resolve("calibration_plot.csv")).size());

        List<String> predictions = Files.readAllLines(out.resolve("predictions.csv"));
        for (String line : predictions.subList(1, predictions.size())) {
            String[] f = line.split(",", -1);
            double point = Double.parseDouble(f[2]);
            double lower = Double.parseDouble(f[6]);
            double upper = Double.parseDouble(f[7]);
            assertTrue(lower <= upper && lower >= 0, line);
            // the interval is around the estimate, though not necessarily symmetric
            assertTrue(point >= lower - 1e-6 && point <= upper + 1e-6, line);
        }
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

        Run model = run("--model", "pareto", "--out", out.toString(), cdnow.toString());
        assertEquals(2, model.code());
        assertTrue(model.err().contains("--model must be auto, bgnbd, paretonbd or mbgnbd"), model.err());
        Run holdout = run("--holdout-weeks", "900", "--out", out.toString(), cdnow.toString());
        assertEquals(2, holdout.code());
        assertTrue(holdout.err().contains("starts before the first purchase"), holdout.err());
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
