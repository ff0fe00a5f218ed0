package dev.ltv.fit;

import dev.ltv.api.ApiException;
import dev.ltv.config.Env;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.TimeUnit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The fit's own configuration and the request's holdout. */
class FitSettingsTest {

    private static final LocalDate TODAY = LocalDate.of(2024, 3, 15);

    @Test
    void defaultsAndEveryVariable() {
        assertEquals(FitSettings.DEFAULTS, FitSettings.from(Env.of(Map.of())));
        assertEquals(new FitSettings(Optional.of(ModelKind.PARETONBD), 26, 200, Duration.ofSeconds(30)),
                FitSettings.from(Env.of(Map.of("CLV_MODEL", "ParetoNBD", "HOLDOUT_WEEKS", "26", "LAPSE_DAYS", "200",
                        "CANDIDATE_FIT_SECONDS", "30"))));
        assertEquals(Optional.empty(), FitSettings.from(Env.of(Map.of("CLV_MODEL", "auto", "HOLDOUT_WEEKS", "")))
                .configuredModel());
        for (Map<String, String> wrong : java.util.List.of(Map.of("CLV_MODEL", "gamma"), Map.of("HOLDOUT_WEEKS", "0"),
                Map.of("HOLDOUT_WEEKS", "521"), Map.of("HOLDOUT_WEEKS", "ten"), Map.of("LAPSE_DAYS", "0"),
                Map.of("CANDIDATE_FIT_SECONDS", "0"))) {
            assertThrows(Env.ConfigException.class, () -> FitSettings.from(Env.of(wrong)), wrong.toString());
        }
    }

    @Test
    void theRequestMayGiveTheHoldout() {
        assertEquals(new FitRequest(LocalDate.of(1998, 6, 30), TimeUnit.WEEKS, 39), FitRequest.parse(
                FitRequestTest.post("{\"asOf\": \"1998-06-30\", \"holdoutWeeks\": 39}"), TODAY));
        assertEquals(null, FitRequest.parse(FitRequestTest.post("{}"), TODAY).holdoutWeeks());
        for (String body : java.util.List.of("{\"holdoutWeeks\": 0}", "{\"holdoutWeeks\": 521}",
                "{\"holdoutWeeks\": 2.5}", "{\"holdoutWeeks\": \"26\"}")) {
            ApiException e = assertThrows(ApiException.class, () -> FitRequest.parse(FitRequestTest.post(body), TODAY));
            assertEquals(400, e.status());
            assertEquals("holdoutWeeks", e.field(), body);
        }
    }
}
