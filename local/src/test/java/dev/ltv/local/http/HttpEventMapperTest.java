package dev.ltv.local.http;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HttpEventMapperTest {

    @Test
    void textDetectionFollowsTheContentType() {
        assertTrue(HttpEventMapper.isText(null));
        assertTrue(HttpEventMapper.isText("application/json; charset=utf-8"));
        assertTrue(HttpEventMapper.isText("application/problem+json"));
        assertTrue(HttpEventMapper.isText("text/csv"));
        assertFalse(HttpEventMapper.isText("application/octet-stream"));
        assertFalse(HttpEventMapper.isText("image/png"));
    }

    @Test
    void queryParametersAreDecodedAndRepeatedNamesJoined() {
        assertEquals(Map.of("a", "1,2", "b c", "d+e"), HttpEventMapper.queryParameters("a=1&a=2&b+c=d%2Be"));
        assertNull(HttpEventMapper.queryParameters(""));
        assertNull(HttpEventMapper.queryParameters(null));
    }

    @Test
    void aMalformedEscapeInTheQueryIsTheClientsMistake() {
        for (String query : new String[] {"grossMargin=%zz", "%=1", "a=%", "a=%4", "%zz=1"}) {
            assertThrows(MalformedTargetException.class, () -> HttpEventMapper.queryParameters(query), query);
        }
    }
}
