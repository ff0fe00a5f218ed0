package dev.ltv.local.http;

import dev.ltv.local.template.HttpRoute;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RouteTableTest {

    private final RouteTable<String> routes = new RouteTable<String>()
            .add(new HttpRoute("GET", "/customers/{customerId}/ltv"), "ltv")
            .add(new HttpRoute("GET", "/customers/top/ltv"), "top")
            .add(new HttpRoute("ANY", "/customers/{customerId}/ltv"), "any-ltv")
            .add(new HttpRoute("GET", "/files/{path+}"), "files")
            .add(new HttpRoute("GET", "/files/{name}"), "file")
            .add(new HttpRoute("POST", "/purchases"), "ingest");

    @Test
    void literalBeatsParameterAndMethodBeatsAny() {
        assertEquals("top", target("GET", "/customers/top/ltv"));
        assertEquals("ltv", target("GET", "/customers/c-1/ltv"));
        assertEquals("any-ltv", target("PUT", "/customers/c-1/ltv"));
        assertEquals(Map.of("customerId", "c 1/x"), routes.match("GET", "/customers/c%201%2Fx/ltv").orElseThrow().pathParameters());
    }

    @Test
    void parameterBeatsGreedyWhichTakesTheRest() {
        assertEquals("file", target("GET", "/files/a.txt"));
        RouteTable.Match<String> greedy = routes.match("GET", "/files/a/b/c.txt").orElseThrow();
        assertEquals("files", greedy.target());
        assertEquals(Map.of("path", "a/b/c.txt"), greedy.pathParameters());
    }

    @Test
    void noMatchForOtherPathsMethodsOrLengths() {
        assertTrue(routes.match("GET", "/purchases").isEmpty());
        assertTrue(routes.match("POST", "/purchases/x").isEmpty());
        assertTrue(routes.match("GET", "/customers/c-1").isEmpty());
        assertTrue(routes.match("GET", "/files").isEmpty());
    }

    @Test
    void defaultRouteCatchesOnlyWhatNothingElseDoes() {
        RouteTable<String> withDefault = new RouteTable<String>().add(new HttpRoute(null, null), "default")
                .add(new HttpRoute("POST", "/purchases"), "ingest");
        assertEquals("ingest", withDefault.match("POST", "/purchases").orElseThrow().target());
        assertEquals("default", withDefault.match("GET", "/anything/else").orElseThrow().target());
        assertEquals("$default", new HttpRoute(null, null).routeKey());
    }

    @Test
    void sameRouteTwiceIsATemplateMistake() {
        assertThrows(IllegalArgumentException.class, () -> routes.add(new HttpRoute("post", "/purchases"), "again"));
    }

    private String target(String method, String path) {
        return routes.match(method, path).orElseThrow().target();
    }

    @Test
    void aMalformedEscapeInAPathParameterIsTheClientsMistake() {
        for (String path : new String[] {"/customers/%zz/ltv", "/customers/%/ltv", "/customers/a%4/ltv"}) {
            assertThrows(MalformedTargetException.class, () -> routes.match("GET", path), path);
        }
    }
}
