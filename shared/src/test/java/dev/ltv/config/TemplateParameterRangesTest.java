package dev.ltv.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A stack parameter that CloudFormation accepts must not make every function fail at start: each bound of a
 * Number parameter (MinValue, MaxValue) and its default is a valid configuration.
 */
class TemplateParameterRangesTest {

    @Test
    void everyBoundOfANumberParameterIsAValidConfiguration() throws IOException {
        JsonNode template;
        // the copy of template.yaml that ltv-dynamodb-local bundles
        try (InputStream in = getClass().getClassLoader().getResourceAsStream("template.yaml")) {
            assertNotNull(in, "template.yaml is not on the test classpath");
            template = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        Map<String, String> variableOfParameter = new HashMap<>();
        template.path("Globals").path("Function").path("Environment").path("Variables").properties()
                // a YAML tag such as !Ref is dropped by the parser: the value is the parameter's name
                .forEach(variable -> variableOfParameter.put(variable.getValue().asText(), variable.getKey()));

        List<String> checked = new ArrayList<>();
        template.path("Parameters").properties().forEach(parameter -> {
            String variable = variableOfParameter.get(parameter.getKey());
            JsonNode definition = parameter.getValue();
            if (variable == null || !"Number".equals(definition.path("Type").asText())) {
                return;
            }
            for (String bound : List.of("MinValue", "MaxValue", "Default")) {
                if (definition.has(bound)) {
                    String value = definition.get(bound).asText();
                    assertDoesNotThrow(() -> LtvConfig.from(Env.of(Map.of("PURCHASES_TABLE", "p", "LTV_TABLE", "l",
                            variable, value))), parameter.getKey() + " " + bound + " " + value);
                    checked.add(parameter.getKey() + "." + bound);
                }
            }
        });
        // the parameters whose ranges this guards (a renamed one must not silently drop out of the check)
        assertEquals(List.of("GrossMargin.MinValue", "GrossMargin.MaxValue", "GrossMargin.Default",
                "AcquisitionCost.MinValue", "AcquisitionCost.Default", "RetentionCostPerYear.MinValue",
                "RetentionCostPerYear.Default",
                "AppliedMarkerTtlHours.MinValue", "AppliedMarkerTtlHours.Default", "ClvHorizonMonths.MinValue",
                "ClvHorizonMonths.MaxValue", "ClvHorizonMonths.Default", "ClvMonthlyDiscountRate.MinValue",
                "ClvMonthlyDiscountRate.MaxValue", "ClvMonthlyDiscountRate.Default"), checked);
    }
}
