package dev.ltv.fit;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import dev.ltv.api.ApiException;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FitRequestTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);

    static APIGatewayV2HTTPEvent post(String body) {
        return APIGatewayV2HTTPEvent.builder().withRouteKey("POST /model/fit").withRawPath("/model/fit")
                .withBody(body).build();
    }

    private static ApiException refused(String body) {
        return assertThrows(ApiException.class, () -> FitRequest.parse(post(body), TODAY));
    }

    @Test
    void aNumberWhoseExponentOverflowsIsInvalidJson() {
        assertEquals("INVALID_JSON", refused("{\"asOf\": 1e-2147483648}").code());
        assertEquals("INVALID_JSON", refused("{\"unit\": \"weeks\", \"x\": 1e-2147483648}").code());
        assertEquals("INVALID_JSON", refused("1e-2147483648").code());
    }

    @Test
    void anEmptyBodyFitsUpToYesterdayInWeeks() {
        assertEquals(new FitRequest(LocalDate.of(2024, 3, 14), TimeUnit.WEEKS), FitRequest.parse(post(null), TODAY));
        assertEquals(new FitRequest(LocalDate.of(2024, 3, 14), TimeUnit.WEEKS), FitRequest.parse(post(""), TODAY));
        assertEquals(new FitRequest(LocalDate.of(2024, 3, 14), TimeUnit.WEEKS), FitRequest.parse(post("{}"), TODAY));
    }

    @Test
    void takesAsOfAndUnit() {
        assertEquals(new FitRequest(LocalDate.of(1997, 9, 30), TimeUnit.DAYS),
                FitRequest.parse(post("{\"asOf\": \"1997-09-30\", \"unit\": \"days\"}"), TODAY));
        assertEquals(new FitRequest(LocalDate.of(2024, 3, 14), TimeUnit.WEEKS),
                FitRequest.parse(post("{\"asOf\": \"2024-03-14\", \"unit\": \"WEEKS\"}"), TODAY));
    }

    @Test
    void decodesABase64Body() {
        APIGatewayV2HTTPEvent event = post(Base64.getEncoder().encodeToString(
                "{\"unit\":\"days\"}".getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);
        assertEquals(new FitRequest(LocalDate.of(2024, 3, 14), TimeUnit.DAYS), FitRequest.parse(event, TODAY));
    }

    @Test
    void todayAndLaterAreNotCompleteDays() {
        ApiException today = refused("{\"asOf\": \"2024-03-15\"}");
        assertEquals(400, today.status());
        assertEquals("asOf", today.field());
        assertTrue(today.getMessage().contains("2024-03-14"), today.getMessage());
        assertEquals("asOf", refused("{\"asOf\": \"2030-01-01\"}").field());
    }

    @Test
    void asOfMayNotBeBeforeTheEarliestPurchaseIngestAccepts() {
        ApiException ancient = refused("{\"asOf\": \"0001-01-01\"}");
        assertEquals("asOf", ancient.field());
        assertEquals(400, ancient.status());
        assertEquals("asOf", refused("{\"asOf\": \"1969-12-31\"}").field());
        assertEquals(LocalDate.of(1970, 1, 1),
                FitRequest.parse(post("{\"asOf\": \"1970-01-01\"}"), TODAY).asOf());
    }

    @Test
    void asOfMustBeACalendarDate() {
        assertEquals("asOf", refused("{\"asOf\": \"2024-02-30\"}").field());
        assertEquals("asOf", refused("{\"asOf\": \"14.03.2024\"}").field());
        assertEquals("asOf", refused("{\"asOf\": 20240314}").field());
    }

    @Test
    void unitMustBeWeeksOrDays() {
        ApiException months = refused("{\"unit\": \"months\"}");
        assertEquals(400, months.status());
        assertEquals("unit", months.field());
        assertEquals(FitRequest.INVALID_FIELD, months.code());
        assertEquals("unit", refused("{\"unit\": 7}").field());
    }

    @Test
    void refusesUnknownFieldsAndNonObjects() {
        ApiException unknown = refused("{\"asof\": \"2024-03-01\"}");
        assertEquals("UNKNOWN_FIELD", unknown.code());
        assertEquals("asof", unknown.field());
        assertEquals("INVALID_BODY", refused("[1, 2]").code());
        assertEquals("INVALID_JSON", refused("{\"unit\": ").code());
    }
}
