package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every events/query-*.json through the handler against DynamoDB Local, with state written by the real
 * recalculation path. Figures are worked out by hand in the comments; the handler's "today" is 2026-11-20,
 * the day the sample events were sent, and the state was recalculated at 2026-07-01T08:00:00Z.
 */
class QueryEventsIT {

    private static final String NO_MODEL = "\"predictive\":{\"status\":\"INSUFFICIENT_DATA\","
            + "\"reason\":\"no predictive model has been fitted yet (POST /model/fit, or wait for the schedule)\"}";
    private static final String DEFAULT_SOURCES =
            "\"sources\":{\"grossMargin\":\"default\",\"acquisitionCost\":\"default\",\"lifespanYears\":\"default\",\"retentionCostPerYear\":\"default\"}";

    @Test
    void queryHitGivesTheWholeBreakdownWithTheDefaults() {
        QueryFixture fx = new QueryFixture("hit");
        fx.customerC1001();

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-hit.json"));

        // span 2026-01-10 → 2026-06-30 = 171 days, floored at one year: frequency 3 / 1 = 3 a year
        // APV = (100 + 50 + 30) / 3 = 60.00; customer value = 60 × 3 = 180.00
        // LTV = 180 × lifespan 3 × margin 1 − CAC 0 = 540.00; no LTV:CAC with a CAC of 0
        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("""
                {"customerId":"c-1001","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-07-01T08:00:00Z",\
                "inputs":{"revenue":180.00,"purchases":3,"purchaseDays":3,"firstPurchaseDay":"2026-01-10",\
                "lastPurchaseDay":"2026-06-30","observedSpanDays":171,"frequencyWindowYears":1.000000},\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,%s},\
                "classic":{"averagePurchaseValue":60.00,"purchaseFrequencyPerYear":3.000000,\
                "customerValuePerYear":180.00,"ltv":540.00},%s}""".formatted(DEFAULT_SOURCES, NO_MODEL), response.getBody());
        assertEquals("no-store", response.getHeaders().get("Cache-Control"));
    }

    @Test
    void queryHitWithOverridesUsesTheRequestsParameters() {
        QueryFixture fx = new QueryFixture("overrides");
        fx.customerC1001();

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-hit-overrides.json"));

        // LTV = 180 × 5 × 0.4 − 25 = 335.00; LTV:CAC = 335 / 25 = 13.4
        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("""
                {"customerId":"c-1001","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-07-01T08:00:00Z",\
                "inputs":{"revenue":180.00,"purchases":3,"purchaseDays":3,"firstPurchaseDay":"2026-01-10",\
                "lastPurchaseDay":"2026-06-30","observedSpanDays":171,"frequencyWindowYears":1.000000},\
                "parameters":{"grossMargin":0.4,"acquisitionCost":25.00,"lifespanYears":5,"retentionCostPerYear":0.00,\
                "sources":{"grossMargin":"request","acquisitionCost":"request","lifespanYears":"request","retentionCostPerYear":"default"}},\
                "classic":{"averagePurchaseValue":60.00,"purchaseFrequencyPerYear":3.000000,\
                "customerValuePerYear":180.00,"ltv":335.00,"ltvToCac":13.400000},%s}""".formatted(NO_MODEL), response.getBody());
    }

    @Test
    void queryMissIs404ForACustomerWithoutState() {
        QueryFixture fx = new QueryFixture("miss");
        fx.customerC1001();

        assertError(404, "NOT_FOUND", null, fx.invoke(event("query-miss.json")));
    }

    @Test
    void queryInvalidIs400NamingTheParameterWhetherOrNotTheCustomerExists() {
        QueryFixture fx = new QueryFixture("invalid");
        // checked before anything is read: the same answer for an unknown customer ...
        assertError(400, "INVALID_PARAMETER", "grossMargin", fx.invoke(event("query-invalid.json")));
        // ... and a known one
        fx.customerC1001();
        APIGatewayV2HTTPResponse response = fx.invoke(event("query-invalid.json"));
        assertError(400, "INVALID_PARAMETER", "grossMargin", response);
        assertTrue(response.getBody().contains("between 0 and 1"), response::getBody);
    }

    @Test
    void queryMetricsOverTwoCustomers() {
        QueryFixture fx = new QueryFixture("metrics");
        fx.customerC1001();
        fx.customerC2002();

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-metrics.json"));

        // c-1001: 3 purchases, 180.00, 3 a year; c-2002: 2 purchases, 60.00, 1461 days = 4 years apart: 0.5 a year
        // APV = 240 / 5 = 48.00; frequency = (3 + 0.5) / 2 customers = 1.75; customer value = 48 × 1.75 = 84.00
        // LTV = 84 × 3 × 1 − 0 = 252.00
        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("""
                {"currency":"USD","customers":2,"purchases":5,"revenue":240.00,\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,%s},\
                "classic":{"averagePurchaseValue":48.00,"purchaseFrequencyPerYear":1.750000,\
                "customerValuePerYear":84.00,"ltv":252.00}}""".formatted(DEFAULT_SOURCES), response.getBody());

        // the same overrides as for one customer: LTV = 84 × 5 × 0.4 − 25 = 143.00; LTV:CAC = 143 / 25 = 5.72
        APIGatewayV2HTTPEvent withOverrides = event("query-metrics.json");
        withOverrides.setRawQueryString("grossMargin=0.4&acquisitionCost=25&lifespanYears=5");
        withOverrides.setQueryStringParameters(Map.of("grossMargin", "0.4", "acquisitionCost", "25", "lifespanYears", "5"));
        APIGatewayV2HTTPResponse overridden = fx.invoke(withOverrides);
        assertEquals(200, overridden.getStatusCode(), overridden::getBody);
        assertTrue(overridden.getBody().endsWith("\"classic\":{\"averagePurchaseValue\":48.00,\"purchaseFrequencyPerYear\":1.750000,"
                + "\"customerValuePerYear\":84.00,\"ltv\":143.00,\"ltvToCac\":5.720000}}"), overridden::getBody);
    }

    @Test
    void queryMetricsWithNoCustomerYetIs200WithoutClassicFigures() {
        QueryFixture fx = new QueryFixture("empty");

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-metrics.json"));

        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("""
                {"currency":"USD","customers":0,"purchases":0,"revenue":0.00,\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,%s},\
                "classic":null,"note":"%s"}""".formatted(DEFAULT_SOURCES, CompanyMetricsAssembler.NO_CUSTOMERS_NOTE),
                response.getBody());
    }

    @Test
    void aCustomerWithOnlyRefundsLeftIs200WithInputsAndNoClassicFigures() {
        QueryFixture fx = new QueryFixture("refunds-only");
        var p = QueryFixture.purchase("c-1001", "p-1", "100.00", "2026-01-10");
        fx.insert(p);
        fx.insert(QueryFixture.refund(p, "r-1", "30.00", "2026-01-20"));
        fx.remove(p.withRefundedAmount(new java.math.BigDecimal("30.00")));

        APIGatewayV2HTTPResponse response = fx.invoke(event("query-hit.json"));

        // the purchase is gone, its 30.00 refund stays booked on its day: revenue −30.00, no purchase
        assertEquals(200, response.getStatusCode(), response::getBody);
        assertEquals("""
                {"customerId":"c-1001","currency":"USD","asOf":"2026-11-20","lastUpdated":"2026-07-01T08:00:00Z",\
                "inputs":{"revenue":-30.00,"purchases":0,"purchaseDays":0},\
                "parameters":{"grossMargin":1,"acquisitionCost":0.00,"lifespanYears":3,"retentionCostPerYear":0.00,%s},\
                "classic":null,"note":"%s",%s}""".formatted(DEFAULT_SOURCES, CustomerLtvAssembler.NO_PURCHASES_NOTE, NO_MODEL),
                response.getBody());

        // and no customer with a purchase for the company: revenue −30.00 but nothing to average
        APIGatewayV2HTTPResponse metrics = fx.invoke(event("query-metrics.json"));
        assertEquals(200, metrics.getStatusCode(), metrics::getBody);
        assertTrue(metrics.getBody().startsWith("{\"currency\":\"USD\",\"customers\":0,\"purchases\":0,\"revenue\":-30.00,"),
                metrics::getBody);
        assertTrue(metrics.getBody().contains("\"classic\":null"), metrics::getBody);
    }

    @Test
    void asOfIsTakenFromTheLastPurchaseDayOnAndRefusedBefore() {
        QueryFixture fx = new QueryFixture("as-of");
        fx.customerC1001();

        APIGatewayV2HTTPResponse july = fx.invoke(withQuery(event("query-hit.json"), Map.of("asOf", "2026-07-15")));
        assertEquals(200, july.getStatusCode(), july::getBody);
        assertTrue(july.getBody().contains("\"asOf\":\"2026-07-15\""), july::getBody);
        // the classic figures do not depend on the day they are stated for
        assertTrue(july.getBody().contains("\"ltv\":540.00"), july::getBody);

        // before the first purchase, and between first and last: the stored totals include later purchases
        assertError(400, "INVALID_PARAMETER", "asOf", fx.invoke(withQuery(event("query-hit.json"), Map.of("asOf", "2025-12-31"))));
        assertError(400, "INVALID_PARAMETER", "asOf", fx.invoke(withQuery(event("query-hit.json"), Map.of("asOf", "2026-03-01"))));
        // more than a year after today (2026-11-20)
        assertError(400, "INVALID_PARAMETER", "asOf", fx.invoke(withQuery(event("query-hit.json"), Map.of("asOf", "2027-11-21"))));
        // asOf is a customer matter: the metrics route does not take it
        assertError(400, "UNKNOWN_PARAMETER", "asOf", fx.invoke(withQuery(event("query-metrics.json"), Map.of("asOf", "2026-11-20"))));
    }

    @Test
    void unknownParametersAndMalformedCustomerIdsAre400() {
        QueryFixture fx = new QueryFixture("params");
        fx.customerC1001();
        assertError(400, "UNKNOWN_PARAMETER", "margin", fx.invoke(withQuery(event("query-hit.json"), Map.of("margin", "0.4"))));
        assertError(400, "INVALID_PARAMETER", "annualChurnRate", fx.invoke(withQuery(event("query-hit.json"),
                Map.of("lifespanYears", "4", "annualChurnRate", "0.25"))));
        assertError(400, "INVALID_PARAMETER", "lifespanYears", fx.invoke(withQuery(event("query-metrics.json"),
                Map.of("lifespanYears", "0"))));

        APIGatewayV2HTTPEvent longId = event("query-hit.json");
        longId.setPathParameters(Map.of("customerId", "c".repeat(129)));
        assertError(400, "INVALID_PARAMETER", "customerId", fx.invoke(longId));
    }

    @Test
    void anyOtherRouteIsA404JsonErrorAndACatchAllRouteMatchesOnMethodAndPath() {
        QueryFixture fx = new QueryFixture("routes");
        fx.customerC1001();
        APIGatewayV2HTTPEvent post = event("query-hit.json");
        post.setRouteKey("POST /customers/{customerId}/ltv");
        post.getRequestContext().setRouteKey("POST /customers/{customerId}/ltv");
        post.getRequestContext().getHttp().setMethod("POST");
        assertError(404, "ROUTE_NOT_FOUND", null, fx.invoke(post));

        // behind a $default route (no path parameters) the method and path decide
        APIGatewayV2HTTPEvent catchAll = event("query-hit.json");
        catchAll.setRouteKey("$default");
        catchAll.setPathParameters(null);
        APIGatewayV2HTTPResponse hit = fx.invoke(catchAll);
        assertEquals(200, hit.getStatusCode(), hit::getBody);
        assertTrue(hit.getBody().contains("\"ltv\":540.00"), hit::getBody);

        APIGatewayV2HTTPEvent unknownPath = event("query-metrics.json");
        unknownPath.setRouteKey("$default");
        unknownPath.setRawPath("/customers/c-1001");
        assertError(404, "ROUTE_NOT_FOUND", null, fx.invoke(unknownPath));
    }

    @Test
    void everyQueryEventInTheEventsFolderRunsThroughTheHandler() throws IOException {
        QueryFixture fx = new QueryFixture("all-events");
        fx.customerC1001();
        Map<String, Integer> expected = Map.ofEntries(
                Map.entry("query-hit.json", 200),
                Map.entry("query-hit-overrides.json", 200),
                Map.entry("query-miss.json", 404),
                Map.entry("query-invalid.json", 400),
                Map.entry("query-metrics.json", 200),
                Map.entry("query-metrics-period.json", 200),
                Map.entry("query-customers.json", 200),
                Map.entry("query-channels.json", 200),
                Map.entry("query-cohorts.json", 200),
                Map.entry("query-segments.json", 200));
        List<String> files;
        try (Stream<Path> listing = Files.list(QueryFixture.eventsFolder())) {
            files = listing.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("query-")).sorted().toList();
        }
        // a new sample event needs its expected status here
        assertEquals(expected.keySet().stream().sorted().toList(), files);
        Map<String, Integer> actual = new HashMap<>();
        for (String file : files) {
            APIGatewayV2HTTPEvent event = event(file);
            assertEquals("2.0", event.getVersion(), file);
            assertEquals("$default", event.getRequestContext().getStage(), file);
            assertEquals(event.getRouteKey(), event.getRequestContext().getRouteKey(), file);
            assertEquals(event.getRawPath(), event.getRequestContext().getHttp().getPath(), file);
            actual.put(file, fx.invoke(event).getStatusCode());
        }
        assertEquals(expected, actual);
    }

    private static APIGatewayV2HTTPEvent withQuery(APIGatewayV2HTTPEvent event, Map<String, String> parameters) {
        event.setQueryStringParameters(parameters);
        event.setRawQueryString(String.join("&", parameters.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
        return event;
    }
}
