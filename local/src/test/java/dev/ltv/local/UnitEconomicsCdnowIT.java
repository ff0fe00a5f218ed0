package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CDNOW sample, dates shifted so that its last day is yesterday and every purchase given a channel by the test,
 * posted through the HTTP API of the real stack: {@code /metrics?period=<each year>}, {@code /cohorts?by=month}
 * and {@code /channels} equal what this test computes from the CSV on its own (counts and money exactly, ratios to
 * their 6 decimals).
 */
class UnitEconomicsCdnowIT {

    private static final String[] CHANNELS = {"web", "email", null, "partner", "affiliate"};
    private static final MathContext MC = MathContext.DECIMAL128;
    private static final BigDecimal DAYS_PER_YEAR = new BigDecimal("365.25");

    private static LocalStack stack;
    private static CheckedApi api;

    record Row(String customer, LocalDate day, BigDecimal amount, String channel) {
    }

    private static final List<Row> ROWS = new ArrayList<>();

    @BeforeAll
    static void postTheSample() throws Exception {
        stack = LocalStack.start(LocalStackOptions.defaults()
                .withPort(0)
                .withTemplate(EndToEndIT.repositoryTemplate())
                .withPollInterval(Duration.ofMillis(50)));
        api = new CheckedApi(stack);
        List<CdnowSample.Row> rows = CdnowSample.rows(CdnowSample.shiftToEndOn(LocalDate.now(ZoneOffset.UTC).minusDays(1)));
        // channels by customer and row: a customer's purchases, even on one day, come through several channels
        Function<CdnowSample.Row, String> channel = row ->
                CHANNELS[Math.floorMod(Integer.parseInt(row.customerId().substring(3)) + row.row(), CHANNELS.length)];
        rows.forEach(row -> ROWS.add(new Row(row.customerId(), row.day(), row.amount(), channel.apply(row))));
        for (String batch : CdnowSample.batches(rows, row -> row.json(channel.apply(row) == null ? ""
                : ", \"channel\": \"" + channel.apply(row) + "\""))) {
            HttpResponse<String> response = api.post("/purchases", batch);
            assertEquals(200, response.statusCode(), response.body());
            assertTrue(!response.body().contains("\"rejected\"") || response.body().contains("\"rejected\":0"), response.body());
        }
        stack.awaitStreamDrained(Duration.ofSeconds(300));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    private static JsonNode getJson(String path) throws IOException, InterruptedException {
        return api.getJson(path);
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(2, RoundingMode.HALF_EVEN);
    }

    private static BigDecimal ratio(BigDecimal value) {
        return value.setScale(6, RoundingMode.HALF_EVEN);
    }

    private static void assertDecimal(BigDecimal expected, JsonNode actual, String what) {
        assertEquals(0, expected.compareTo(actual.decimalValue()), what + ": expected " + expected + ", was " + actual);
    }

    @Test
    void everyYearsPeriodMetricsEqualTheCsv() throws Exception {
        Map<Integer, List<Row>> byYear = new TreeMap<>();
        ROWS.forEach(r -> byYear.computeIfAbsent(r.day().getYear(), y -> new ArrayList<>()).add(r));
        assertTrue(byYear.size() >= 2, "18 months of CDNOW span two calendar years at least");
        for (var year : byYear.entrySet()) {
            List<Row> rows = year.getValue();
            long customers = rows.stream().map(Row::customer).distinct().count();
            long purchases = rows.size();
            BigDecimal revenue = rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            JsonNode metrics = getJson("/metrics?period=" + year.getKey());
            assertEquals(customers, metrics.get("customers").asLong(), year.getKey() + " customers");
            assertEquals(purchases, metrics.get("purchases").asLong(), year.getKey() + " purchases");
            assertDecimal(revenue, metrics.get("revenue"), year.getKey() + " revenue");
            // the classic definition over the year: APV = revenue / purchases, frequency = purchases / customers,
            // customer value = their product, LTV = customer value × margin 1 × 3 years
            BigDecimal apv = revenue.divide(BigDecimal.valueOf(purchases), MC);
            BigDecimal frequency = BigDecimal.valueOf(purchases).divide(BigDecimal.valueOf(customers), MC);
            JsonNode classic = metrics.get("classic");
            assertDecimal(money(apv), classic.get("averagePurchaseValue"), year.getKey() + " APV");
            assertDecimal(ratio(frequency), classic.get("purchaseFrequencyPerYear"), year.getKey() + " frequency");
            assertDecimal(money(apv.multiply(frequency, MC)), classic.get("customerValuePerYear"), year.getKey() + " customer value");
            assertDecimal(money(apv.multiply(frequency, MC).multiply(BigDecimal.valueOf(3))), classic.get("ltv"), year.getKey() + " LTV");
        }
    }

    @Test
    void theMonthlyCohortsEqualTheCsv() throws Exception {
        Map<String, LocalDate> firstDay = new TreeMap<>();
        ROWS.forEach(r -> firstDay.merge(r.customer(), r.day(), (a, b) -> a.isBefore(b) ? a : b));
        record Cohort(List<String> customers, Map<Integer, BigDecimal> revenue, Map<Integer, java.util.Set<String>> active) {
        }
        Map<YearMonth, Cohort> expected = new TreeMap<>();
        firstDay.forEach((customer, day) -> expected.computeIfAbsent(YearMonth.from(day),
                m -> new Cohort(new ArrayList<>(), new TreeMap<>(), new TreeMap<>())).customers().add(customer));
        for (Row r : ROWS) {
            YearMonth cohort = YearMonth.from(firstDay.get(r.customer()));
            int k = (int) ChronoUnit.MONTHS.between(cohort, YearMonth.from(r.day()));
            expected.get(cohort).revenue().merge(k, r.amount(), BigDecimal::add);
            expected.get(cohort).active().computeIfAbsent(k, x -> new java.util.HashSet<>()).add(r.customer());
        }
        JsonNode response = getJson("/cohorts?by=month");
        assertEquals(expected.size(), response.get("cohorts").size());
        YearMonth now = YearMonth.now(ZoneOffset.UTC);
        int i = 0;
        for (var entry : expected.entrySet()) {
            JsonNode cohort = response.get("cohorts").get(i++);
            Cohort e = entry.getValue();
            BigDecimal customers = BigDecimal.valueOf(e.customers().size());
            BigDecimal revenue = e.revenue().values().stream().reduce(BigDecimal.ZERO, BigDecimal::add);
            assertEquals(entry.getKey().toString(), cohort.get("cohort").asText());
            assertEquals(e.customers().size(), cohort.get("customers").asLong(), entry.getKey() + " customers");
            assertDecimal(revenue, cohort.get("revenue"), entry.getKey() + " revenue");
            assertDecimal(money(revenue.divide(customers, MC)), cohort.get("revenuePerCustomer"), entry.getKey() + " per customer");
            JsonNode curve = cohort.get("curve");
            assertEquals(ChronoUnit.MONTHS.between(entry.getKey(), now) + 1, curve.size(), entry.getKey() + " curve length");
            BigDecimal cumulative = BigDecimal.ZERO;
            for (int k = 0; k < curve.size(); k++) {
                cumulative = cumulative.add(e.revenue().getOrDefault(k, BigDecimal.ZERO));
                assertDecimal(money(cumulative.divide(customers, MC)), curve.get(k).get("cumulativeRevenuePerCustomer"),
                        entry.getKey() + " month " + k);
                assertEquals(e.active().getOrDefault(k, java.util.Set.of()).size(), curve.get(k).get("activeCustomers").asLong(),
                        entry.getKey() + " month " + k + " active");
            }
        }
    }

    @Test
    void theChannelsEqualTheCsv() throws Exception {
        Map<String, List<Row>> byCustomer = new TreeMap<>();
        ROWS.forEach(r -> byCustomer.computeIfAbsent(r.customer(), c -> new ArrayList<>()).add(r));
        Map<String, long[]> counts = new TreeMap<>();           // customers, purchases
        Map<String, BigDecimal> revenue = new TreeMap<>();
        Map<String, BigDecimal> valueSum = new TreeMap<>();
        byCustomer.forEach((customer, rows) -> {
            LocalDate first = rows.stream().map(Row::day).min(LocalDate::compareTo).orElseThrow();
            LocalDate last = rows.stream().map(Row::day).max(LocalDate::compareTo).orElseThrow();
            // the channel of the first purchase day: alphabetically first named one, else unknown
            String channel = rows.stream().filter(r -> r.day().equals(first) && r.channel() != null).map(Row::channel)
                    .sorted().findFirst().orElse("unknown");
            BigDecimal spend = rows.stream().map(Row::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal years = BigDecimal.valueOf(ChronoUnit.DAYS.between(first, last)).divide(DAYS_PER_YEAR, MC).max(BigDecimal.ONE);
            BigDecimal customerValue = spend.divide(years, MC); // APV × purchases / years
            long[] c = counts.computeIfAbsent(channel, x -> new long[2]);
            c[0]++;
            c[1] += rows.size();
            revenue.merge(channel, spend, BigDecimal::add);
            valueSum.merge(channel, customerValue, BigDecimal::add);
        });
        JsonNode response = getJson("/channels?acquisitionCost.email=20&acquisitionCost=10");
        Map<String, JsonNode> channels = new TreeMap<>();
        response.get("channels").forEach(c -> channels.put(c.get("channel").asText(), c));
        assertEquals(counts.keySet(), channels.keySet());
        for (String channel : counts.keySet()) {
            JsonNode c = channels.get(channel);
            assertEquals(counts.get(channel)[0], c.get("customers").asLong(), channel + " customers");
            assertEquals(counts.get(channel)[1], c.get("purchases").asLong(), channel + " purchases");
            assertDecimal(revenue.get(channel), c.get("revenue"), channel + " revenue");
            BigDecimal cost = channel.equals("email") ? new BigDecimal("20") : BigDecimal.TEN;
            BigDecimal averageValue = valueSum.get(channel).divide(BigDecimal.valueOf(counts.get(channel)[0]), MC);
            BigDecimal averageLtv = averageValue.multiply(BigDecimal.valueOf(3)).subtract(cost);
            // money is shown in cents: the per-customer values are summed at 12 decimals, so allow half a cent and 1e-6
            assertEquals(averageValue.doubleValue(), c.get("averageCustomerValuePerYear").asDouble(), 0.005 + 1e-6, channel);
            assertEquals(averageLtv.doubleValue(), c.get("averageLtv").asDouble(), 0.005 + 1e-6, channel);
            assertEquals(averageLtv.divide(cost, MC).doubleValue(), c.get("ltvToCac").asDouble(), 1e-6 + 0.005 / cost.doubleValue(), channel);
            assertEquals("request", c.get("acquisitionCostSource").asText(), channel); // per channel (email) or for all
        }
        assertTrue(counts.size() >= 4, "the test's channels, and unknown: " + counts.keySet());
    }
}
