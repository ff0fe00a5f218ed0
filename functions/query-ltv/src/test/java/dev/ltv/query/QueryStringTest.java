package dev.ltv.query;

import dev.ltv.api.ApiException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class QueryStringTest {

    @Test
    void aRawQueryStringIsDecodedAndRepeatedNamesJoinedAsApiGatewayDoes() {
        QueryString query = QueryString.parse("grossMargin=0.4&asOf=2026-07-01&tag=a%2Cb&tag=c&flag");
        assertEquals(Optional.of("0.4"), query.get("grossMargin"));
        assertEquals(Optional.of("2026-07-01"), query.get("asOf"));
        assertEquals(Optional.of("a,b,c"), query.get("tag"));
        assertEquals(Optional.of(""), query.get("flag"));
        assertTrue(query.has("flag"));
        assertFalse(query.has("lifespanYears"));
    }

    @Test
    void anEmptyOrMissingQueryStringHasNoParameters() {
        assertFalse(QueryString.parse("").has("grossMargin"));
        assertFalse(QueryString.parse(null).has("grossMargin"));
        QueryString.parse(null).requireOnly(Set.of());
    }

    @Test
    void anUnknownParameterIsA400NamingIt() {
        // a misspelt override must not silently fall back to the default
        ApiException e = assertThrows(ApiException.class,
                () -> QueryString.parse("grossmargin=0.4").requireOnly(ParameterOverrides.NAMES));
        assertEquals(400, e.status());
        assertEquals("UNKNOWN_PARAMETER", e.code());
        assertEquals("grossmargin", e.field());
        assertTrue(e.getMessage().contains("acquisitionCost, annualChurnRate, grossMargin, lifespanYears, retentionCostPerYear"), e.getMessage());
    }

    @Test
    void badPercentEncodingIsA400() {
        ApiException e = assertThrows(ApiException.class, () -> QueryString.parse("grossMargin=%zz"));
        assertEquals(400, e.status());
    }
}
