package io.poolscope.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every string poolscope can be given comes back from a real JSON parser as it was, on one line. */
class JsonTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private static String roundTrip(String text) throws Exception {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("s", text);
        String json = Json.object(object);
        assertFalse(json.contains("\n") || json.contains("\r") || json.contains("\u2028") || json.contains("\u2029"), json);
        // as the log writes it: UTF-8 bytes
        JsonNode node = MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8));
        return node.get("s").asText();
    }

    @Test
    void everyControlCharacterIsEscapedAndReadBack() throws Exception {
        StringBuilder all = new StringBuilder();
        for (char c = 0; c < 0x20; c++) {
            all.append(c);
        }
        all.append('\u007f');
        assertEquals(all.toString(), roundTrip(all.toString()));
        assertEquals("\"\\u0000\\n\\t\\u001f\"", jsonOf("\u0000\n\t\u001f"));
    }

    @Test
    void quotesAndBackslashes() throws Exception {
        String text = "pool 'a' said \"no\" \\ C:\\temp\\ \\u0041 /";
        assertEquals(text, roundTrip(text));
    }

    @Test
    void nonAsciiIsWrittenAsItIs() throws Exception {
        String text = "Größe café 接続 \uD83D\uDE00 \u2028\u2029 \u00a0";
        assertEquals(text, roundTrip(text));
        assertTrue(jsonOf("接続 \uD83D\uDE00").contains("接続 \uD83D\uDE00"));
    }

    @Test
    void loneSurrogatesAreEscapedSoTheLineStaysValidUtf8() throws Exception {
        for (String text : Arrays.asList("\uD800", "a\uDC00b", "\uDBFFx", "end\uD83D", "\uDE00\uD83D")) {
            String json = jsonOf(text);
            String asUtf8 = new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
            assertEquals(json, asUtf8, "no character lost in UTF-8: " + json);
            assertEquals(text, MAPPER.readTree(json).asText(), json);
        }
        assertEquals("\"\\ud800\"", jsonOf("\uD800"));
    }

    @Test
    void everyCharOfTheBasicPlaneRoundTrips() throws Exception {
        StringBuilder all = new StringBuilder();
        for (int c = 0; c <= 0xffff; c++) {
            all.append((char) c);
        }
        // surrogates in this order pair up only at D83F/DC00 boundaries: compare with the parser's reading
        String json = jsonOf(all.toString());
        assertEquals(json, new String(json.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
        assertEquals(all.toString(), MAPPER.readTree(json.getBytes(StandardCharsets.UTF_8)).asText());
    }

    @Test
    void numbersBooleansNullListsAndMaps() throws Exception {
        Map<String, Object> object = new LinkedHashMap<>();
        object.put("long", 1L << 40);
        object.put("int", -3);
        object.put("double", 2.5);
        object.put("nan", Double.NaN);
        object.put("yes", true);
        object.put("none", null);
        object.put("list", Arrays.asList("a", 1L, null));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("k\"ey", "v");
        object.put("map", inner);
        String json = Json.object(object);

        assertEquals("{\"long\":1099511627776,\"int\":-3,\"double\":2.5,\"nan\":null,\"yes\":true,\"none\":null,"
                + "\"list\":[\"a\",1,null],\"map\":{\"k\\\"ey\":\"v\"}}", json);
        JsonNode node = MAPPER.readTree(json);
        assertEquals(1L << 40, node.get("long").asLong());
        assertEquals("v", node.get("map").get("k\"ey").asText());
    }

    private static String jsonOf(String text) {
        StringBuilder out = new StringBuilder();
        Json.string(out, text);
        return out.toString();
    }
}
