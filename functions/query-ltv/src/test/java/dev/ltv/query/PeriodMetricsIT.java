package dev.ltv.query;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static dev.ltv.query.QueryFixture.assertError;
import static dev.ltv.query.QueryFixture.event;
import static dev.ltv.query.QueryFixture.purchase;
import static dev.ltv.query.QueryFixture.refund;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code GET /metrics?period=…}: the period sums the recalculation keeps, through the handler, against DynamoDB Local. */
class PeriodMetricsIT {

    private static APIGatewayV2HTTPEvent metrics(Map<String, String> query) {
        APIGatewayV2HTTPEvent event = event("query-metrics.json");
        StringBuilder raw = new StringBuilder();
        query.forEach((name, value) -> raw.append(raw.isEmpty() ? "" : "&").append(name).append('=').append(value));
        event.setRawQueryString(raw.toString());
        event.setQueryStringParameters(query);
        return event;
    }

    private static Map<String, String> period(String label) {
        Map<String, String> query = new LinkedHashMap<>();
        query.put("period", label);
        return query;
    }

    @Test
    void aQuarterFollowsPurchasesRefundsAndDeletions() {
        QueryFixture fx = new QueryFixture("period");
        fx.customerC1001(); // 100.00 on 2026-01-10, 50.00 on 2026-03-01, 30.00 on 2026-06-30
        fx.customerC2002(); // 40.00 on 2022-01-01, 20.00 on 2026-01-01

        // 2026-Q1 (the sample event, margin 0.4): 2 customers, 3 purchases, 170.00. APV 56.67; 1.5 purchases a customer
        // in the quarter → 6 a year; customer value 170 / 2 × 4 = 340.00; LTV 340 × 0.4 × 3 = 408.00
        APIGatewayV2HTTPResponse q1 = fx.invoke(event("query-metrics-period.json"));
        assertEquals(200, q1.getStatusCode(), q1::getBody);
        assertTrue(q1.getBody().startsWith("""
                {"currency":"USD","period":{"label":"2026-Q1","from":"2026-01-01","to":"2026-03-31","months":3},\
                "customers":2,"purchases":3,"revenue":170.00,"parameters":{"grossMargin":0.4,"""), q1::getBody);
        assertTrue(q1.getBody().endsWith("""
                "classic":{"averagePurchaseValue":56.67,"purchaseFrequencyPerYear":6.000000,\
                "customerValuePerYear":340.00,"ltv":408.00}}"""), q1::getBody);

        // a refund of 30.00 of the January order lowers Q1's revenue only: 140.00, customer value 280.00, LTV 336.00
        var p1 = purchase("c-1001", "p-1", "100.00", "2026-01-10");
        fx.insert(refund(p1, "r-1", "30.00", "2026-07-02"));
        String afterRefund = fx.invoke(event("query-metrics-period.json")).getBody();
        assertTrue(afterRefund.contains("\"customers\":2,\"purchases\":3,\"revenue\":140.00,"), afterRefund);
        assertTrue(afterRefund.contains("\"customerValuePerYear\":280.00,\"ltv\":336.00}"), afterRefund);

        // c-2002's only purchase of the quarter is deleted: it no longer counts there (but still in 2022)
        fx.remove(purchase("c-2002", "p-5", "20.00", "2026-01-01"));
        String afterRemove = fx.invoke(event("query-metrics-period.json")).getBody();
        assertTrue(afterRemove.contains("\"customers\":1,\"purchases\":2,\"revenue\":120.00,"), afterRemove);
        // APV 60, 2 a quarter → 8 a year, 480.00 a year, LTV 480 × 0.4 × 3 = 576.00
        assertTrue(afterRemove.contains("\"averagePurchaseValue\":60.00,\"purchaseFrequencyPerYear\":8.000000,"
                + "\"customerValuePerYear\":480.00,\"ltv\":576.00}"), afterRemove);

        String year2022 = fx.invoke(metrics(period("2022"))).getBody();
        assertTrue(year2022.contains("\"customers\":1,\"purchases\":1,\"revenue\":40.00,"), year2022);
        assertTrue(year2022.contains("\"purchaseFrequencyPerYear\":1.000000,\"customerValuePerYear\":40.00,\"ltv\":120.00}"), year2022);

        // a month: June, one purchase of 30.00 → 12 a year, 360.00 a year, LTV 1,080.00
        String june = fx.invoke(metrics(period("2026-06"))).getBody();
        assertTrue(june.contains("\"period\":{\"label\":\"2026-06\",\"from\":\"2026-06-01\",\"to\":\"2026-06-30\",\"months\":1},"
                + "\"customers\":1,\"purchases\":1,\"revenue\":30.00,"), june);
        assertTrue(june.contains("\"purchaseFrequencyPerYear\":12.000000,\"customerValuePerYear\":360.00,\"ltv\":1080.00}"), june);
    }

    @Test
    void aPeriodWithoutPurchasesIs200WithoutClassicFigures() {
        QueryFixture fx = new QueryFixture("period-empty");
        fx.customerC1001();
        APIGatewayV2HTTPResponse july = fx.invoke(metrics(period("2026-07")));
        assertEquals(200, july.getStatusCode(), july::getBody);
        assertTrue(july.getBody().contains("\"customers\":0,\"purchases\":0,\"revenue\":0.00,"), july::getBody);
        assertTrue(july.getBody().endsWith("\"classic\":null,\"note\":\"" + PeriodMetricsAssembler.NO_CUSTOMERS_NOTE + "\"}"),
                july::getBody);
    }

    @Test
    void badPeriodsAndUnknownParametersAre400() {
        QueryFixture fx = new QueryFixture("period-bad");
        for (String bad : new String[] {"2026-13", "2026-Q5", "26", "2026-1", "", "2026-07-01", "2026,2025"}) {
            assertError(400, "INVALID_PARAMETER", "period", fx.invoke(metrics(period(bad))));
        }
        Map<String, String> unknown = period("2026");
        unknown.put("asOf", "2026-01-01");
        assertError(400, "UNKNOWN_PARAMETER", "asOf", fx.invoke(metrics(unknown)));
        Map<String, String> badMargin = period("2026");
        badMargin.put("grossMargin", "2");
        assertError(400, "INVALID_PARAMETER", "grossMargin", fx.invoke(metrics(badMargin)));
    }
}
