package dev.ltv.api;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;

/** Jackson's own tree (a purchase's metadata): kept apart so that writing records never loads its classes. */
final class JsonTreeShape implements JsonWriter.Shape {

    static final JsonTreeShape INSTANCE = new JsonTreeShape();

    private JsonTreeShape() {
    }

    static boolean handles(Class<?> type) {
        return JsonNode.class.isAssignableFrom(type);
    }

    @Override
    public void write(StringBuilder out, Object value) {
        node(out, (JsonNode) value);
    }

    private static void node(StringBuilder out, JsonNode node) {
        switch (node.getNodeType()) {
            case OBJECT -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, JsonNode> field : node.properties()) {
                    first = JsonWriter.comma(out, first);
                    JsonWriter.string(out, field.getKey());
                    out.append(':');
                    node(out, field.getValue());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                boolean first = true;
                for (JsonNode item : node) {
                    first = JsonWriter.comma(out, first);
                    node(out, item);
                }
                out.append(']');
            }
            case STRING -> JsonWriter.string(out, node.textValue());
            case NUMBER -> JsonWriter.value(out, node.numberValue());
            case BOOLEAN -> out.append(node.booleanValue());
            case NULL, MISSING -> out.append("null");
            default -> throw new IllegalStateException("cannot write a " + node.getNodeType() + " node as JSON");
        }
    }
}
