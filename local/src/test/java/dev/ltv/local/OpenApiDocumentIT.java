package dev.ltv.local;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ltv.local.template.HttpRoute;
import dev.ltv.local.template.LocalBindings;
import dev.ltv.local.template.SamTemplate;
import dev.ltv.testing.OpenApiContract;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** docs/openapi.yaml against template.yaml: the same routes, each operation with a schema for every answer. */
class OpenApiDocumentIT {

    private final JsonNode document = OpenApiContract.load().document();

    @Test
    void theDocumentDescribesExactlyTheTemplatesRoutes() {
        Set<String> templateRoutes = new TreeSet<>();
        SamTemplate template = SamTemplate.load(Optional.of(EndToEndIT.repositoryTemplate()));
        Map<String, String> tableNames = new HashMap<>();
        template.tables().tableLogicalIds().forEach(id -> tableNames.put(id, id));
        for (var function : template.functions(new LocalBindings(tableNames, URI.create("http://127.0.0.1:8000"), "us-east-1"))) {
            for (HttpRoute route : function.routes()) {
                templateRoutes.add(route.method().toUpperCase() + " " + route.path());
            }
        }
        Set<String> documented = new TreeSet<>();
        Iterator<String> paths = document.get("paths").fieldNames();
        while (paths.hasNext()) {
            String path = paths.next();
            document.get("paths").get(path).fieldNames().forEachRemaining(key -> {
                if (Set.of("get", "post", "put", "patch", "delete").contains(key)) {
                    documented.add(key.toUpperCase() + " " + path);
                }
            });
        }
        assertFalse(templateRoutes.isEmpty());
        assertEquals(templateRoutes, documented);
    }

    @Test
    void everyResponseHasAJsonSchemaAndEveryOperationItsErrors() {
        document.get("paths").forEach(pathItem -> pathItem.properties().forEach(entry -> {
            if (entry.getKey().equals("parameters")) {
                return;
            }
            JsonNode responses = entry.getValue().get("responses");
            assertTrue(responses.has("400") && responses.has("500") && responses.has("503"), entry.getKey() + " errors");
            responses.properties().forEach(response -> {
                JsonNode resolved = response.getValue().has("$ref")
                        ? document.at(response.getValue().get("$ref").asText().substring(1)) : response.getValue();
                assertTrue(resolved.at("/content/application~1json/schema").isObject(),
                        entry.getKey() + " " + response.getKey() + " has a JSON schema");
            });
        }));
    }
}
