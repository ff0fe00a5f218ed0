package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.api.Json;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static dev.ltv.query.QueryFixture.purchase;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@code GET /cohorts}: the cohorts the recalculation keeps, through the handler (today: 2026-11-20). */
class CohortsIT {

    private static APIGatewayV2HTTPEvent cohorts(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event("query-cohorts.json");
        StringBuilder raw = new StringBuilder();
        query.forEach((name, value) -> raw.append(raw.isEmpty() ? "" : "&").append(name).append('=').append(value));
        event.setRawQueryString(raw.toString());
        event.setQueryStringParameters(query.isEmpty() ? null : query);
        return event;
    }

    private static Map<String, JsonNode> byCohort(APIGatewayV2HTTPResponse response) throws Exception {
        assertEquals(200, response.getStatusCode(), response::getBody);
        Map<String, JsonNode> cohorts = new TreeMap<>();
        Json.MAPPER.readTree(response.getBody()).get("cohorts").forEach(c -> cohorts.put(c.get("cohort").asText(), c));
        return cohorts;
    }

    private static void assertPoint(JsonNode cohort, int k, String cumulative, long active) {
        JsonNode point = cohort.get("curve").get(k);
        assertEquals(k, point.get("monthsSinceAcquisition").asInt());
        assertEquals(0, new BigDecimal(cumulative).compareTo(point.get("cumulativeRevenuePerCustomer").decimalValue()),
                cohort.get("cohort") + " month " + k + ": " + point);
        assertEquals(active, point.get("activeCustomers").asLong(), cohort.get("cohort") + " month " + k);
    }

    @Test
    void cohortsCurvesAndAPurchaseThatMovesACustomerIntoAnEarlierCohort() throws Exception {
        QueryFixture fx = new QueryFixture("cohorts");
        fx.insert(purchase("x", "x-1", "100.00", "2026-01-10"), purchase("x", "x-2", "50.00", "2026-03-05"));
        fx.insert(purchase("y", "y-1", "40.00", "2026-01-20"));
        fx.insert(purchase("z", "z-1", "30.00", "2026-02-01"));

        Map<String, JsonNode> months = byCohort(fx.invoke(event("query-cohorts.json")));
        assertEquals(java.util.Set.of("2026-01", "2026-02"), months.keySet());
        JsonNode january = months.get("2026-01");
        // x and y: 190.00, 95.00 each; month 0: 140 / 2 = 70.00 (both bought), month 2: 190 / 2 = 95.00 (x bought)
        assertEquals(2, january.get("customers").asLong());
        assertEquals(0, new BigDecimal("190.00").compareTo(january.get("revenue").decimalValue()));
        assertEquals(0, new BigDecimal("95.00").compareTo(january.get("revenuePerCustomer").decimalValue()));
        assertEquals(11, january.get("curve").size(), "January to November: months 0 to 10");
        assertPoint(january, 0, "70.00", 2);
        assertPoint(january, 1, "70.00", 0);
        assertPoint(january, 2, "95.00", 1);
        assertPoint(january, 10, "95.00", 0);
        assertPoint(months.get("2026-02"), 0, "30.00", 1);

        // z buys on 2025-12-15, delivered late: z's first purchase is now in December 2025
        fx.insert(purchase("z", "z-0", "20.00", "2025-12-15"));
        months = byCohort(fx.invoke(event("query-cohorts.json")));
        assertEquals(java.util.Set.of("2025-12", "2026-01"), months.keySet());
        JsonNode december = months.get("2025-12");
        assertEquals(1, december.get("customers").asLong());
        assertEquals(12, december.get("curve").size());
        assertPoint(december, 0, "20.00", 1);
        assertPoint(december, 1, "20.00", 0);
        assertPoint(december, 2, "50.00", 1);

        Map<String, JsonNode> quarters = byCohort(fx.invoke(cohorts(Map.of("by", "quarter"))));
        assertEquals(java.util.Set.of("2025-Q4", "2026-Q1"), quarters.keySet());
        assertEquals(14, quarters.get("2025-Q4").get("curve").size(), "October 2025 to November 2026");
        assertPoint(quarters.get("2025-Q4"), 2, "50.00", 1);
        assertPoint(quarters.get("2026-Q1"), 2, "95.00", 1);

        // the late purchase is deleted again: z goes back to February
        fx.remove(purchase("z", "z-0", "20.00", "2025-12-15"));
        assertEquals(java.util.Set.of("2026-01", "2026-02"), byCohort(fx.invoke(event("query-cohorts.json"))).keySet());
    }

    @Test
    void badParametersAre400() {
        QueryFixture fx = new QueryFixture("cohorts-bad");
        assertError(400, "INVALID_PARAMETER", "by", fx.invoke(cohorts(Map.of("by", "week"))));
        assertError(400, "UNKNOWN_PARAMETER", "period", fx.invoke(cohorts(Map.of("period", "2026"))));
    }
}
