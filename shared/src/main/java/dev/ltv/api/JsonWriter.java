package dev.ltv.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.lang.reflect.Array;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes response bodies as compact JSON, byte for byte as {@code Json.MAPPER} (databind) writes them, without
 * databind's serializer machinery: a record is an object of its components in declaration order, null members
 * left out unless the accessor says {@code @JsonInclude(ALWAYS)} ({@code NON_EMPTY} is honoured too),
 * {@code @JsonProperty} renames and {@code @JsonIgnore} drops a member, an enum is its {@code @JsonValue}
 * method's value or its name, BigDecimal is written in plain notation, a map is an object (null values left
 * out), a collection or array is an array, and a Jackson tree is written as it is. Any other class is written
 * by its getters, as databind writes a bean (an AWS event in a dead-letter message); java.time values and
 * Optional are refused, as databind refuses them without its modules.
 */
final class JsonWriter {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** What writing a type needs, found once per class by reflection. */
    private static final ClassValue<Shape> SHAPES = new ClassValue<>() {
        @Override
        protected Shape computeValue(Class<?> type) {
            return Shape.of(type);
        }
    };

    private JsonWriter() {
    }

    static String write(Object value) {
        StringBuilder out = new StringBuilder(256);
        value(out, value);
        return out.toString();
    }

    // an instanceof chain, not a pattern switch: that bootstraps a class of its own on a cold JVM
    static void value(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String text) {
            string(out, text);
        } else if (value instanceof BigDecimal decimal) {
            out.append(decimal.toPlainString());
        } else if (value instanceof Integer || value instanceof Long || value instanceof Short
                || value instanceof Byte || value instanceof BigInteger) {
            out.append(value);
        } else if (value instanceof Double number) {
            floating(out, number.isNaN() || number.isInfinite(), number.toString());
        } else if (value instanceof Float number) {
            floating(out, number.isNaN() || number.isInfinite(), number.toString());
        } else if (value instanceof Boolean bool) {
            out.append(bool.booleanValue());
        } else if (value instanceof Date date) {
            out.append(date.getTime()); // databind's default: a timestamp in milliseconds
        } else if (value instanceof byte[] bytes) {
            string(out, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof ByteBuffer buffer) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            string(out, Base64.getEncoder().encodeToString(bytes));
        } else if (value instanceof Map<?, ?> map) {
            map(out, map);
        } else if (value instanceof Collection<?> items) {
            out.append('[');
            boolean first = true;
            for (Object item : items) {
                first = comma(out, first);
                value(out, item);
            }
            out.append(']');
        } else {
            SHAPES.get(value.getClass()).write(out, value);
        }
    }

    /** As databind: NaN and the infinities are no JSON numbers, so they are written as strings. */
    private static void floating(StringBuilder out, boolean nonNumeric, String text) {
        if (nonNumeric) {
            out.append('"').append(text).append('"');
        } else {
            out.append(text);
        }
    }

    private static void map(StringBuilder out, Map<?, ?> map) {
        out.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            if (entry.getValue() != null) {
                first = comma(out, first);
                string(out, String.valueOf(entry.getKey()));
                out.append(':');
                value(out, entry.getValue());
            }
        }
        out.append('}');
    }

    static boolean comma(StringBuilder out, boolean first) {
        if (!first) {
            out.append(',');
        }
        return false;
    }

    /** Escapes as Jackson does: quote, backslash and control characters; everything else as it is. */
    static void string(StringBuilder out, String text) {
        out.append('"');
        int from = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= 0x20 && c != '"' && c != '\\') {
                continue;
            }
            out.append(text, from, i).append('\\');
            switch (c) {
                case '"', '\\' -> out.append(c);
                case '\b' -> out.append('b');
                case '\t' -> out.append('t');
                case '\f' -> out.append('f');
                case '\n' -> out.append('n');
                case '\r' -> out.append('r');
                default -> out.append("u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
            from = i + 1;
        }
        out.append(text, from, text.length()).append('"');
    }

    static Object invoke(Method method, Object target) {
        try {
            return method.invoke(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read " + method + " to write JSON", e);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure
                    : new IllegalStateException("cannot read " + method + " to write JSON", e.getCause());
        }
    }

    /** How one type is written (classes rather than lambdas: each lambda spins a class on a cold JVM). */
    interface Shape {

        void write(StringBuilder out, Object value);

        static Shape of(Class<?> type) {
            if (type.isAnonymousClass() && type.getSuperclass().isEnum()) {
                return SHAPES.get(type.getSuperclass()); // an enum constant with a body
            }
            Method jsonValue = jsonValueMethod(type);
            if (jsonValue != null) {
                return new ValueMethodShape(jsonValue);
            }
            if (type.isRecord()) {
                return RecordShape.of(type);
            }
            if (type.isEnum()) {
                return new EnumShape();
            }
            if (type.isArray()) {
                return new ArrayShape();
            }
            if (JsonTreeShape.handles(type)) {
                return JsonTreeShape.INSTANCE;
            }
            if (type.getName().startsWith("java.time.") || type == Optional.class || type.isInterface()) {
                return new UnsupportedShape(type); // databind refuses these without its modules too
            }
            return JsonBeanShape.of(type);
        }

        /** A method annotated {@code @JsonValue} stands for the whole value (an enum's JSON name, say). */
        private static Method jsonValueMethod(Class<?> type) {
            if (!type.isRecord() && !type.isEnum()) {
                return null;
            }
            for (Method method : type.getDeclaredMethods()) {
                // reading annotations is slow on a cold JVM: only for methods that have some
                if (method.getParameterCount() == 0 && !Modifier.isStatic(method.getModifiers())
                        && method.getDeclaredAnnotations().length > 0) {
                    JsonValue annotation = method.getAnnotation(JsonValue.class);
                    if (annotation != null && annotation.value()) {
                        method.setAccessible(true);
                        return method;
                    }
                }
            }
            return null;
        }
    }

    private record ValueMethodShape(Method method) implements Shape {
        @Override
        public void write(StringBuilder out, Object value) {
            value(out, invoke(method, value));
        }
    }

    private record EnumShape() implements Shape {
        @Override
        public void write(StringBuilder out, Object value) {
            string(out, ((Enum<?>) value).name());
        }
    }

    private record ArrayShape() implements Shape {
        @Override
        public void write(StringBuilder out, Object value) {
            out.append('[');
            for (int i = 0, n = Array.getLength(value); i < n; i++) {
                comma(out, i == 0);
                value(out, Array.get(value, i));
            }
            out.append(']');
        }
    }

    private record UnsupportedShape(Class<?> type) implements Shape {
        @Override
        public void write(StringBuilder out, Object value) {
            throw new IllegalStateException("cannot write " + type.getName() + " as JSON: response bodies are"
                    + " records, maps, lists, strings, numbers, booleans and enums");
        }
    }


    /** A record: its components as members, in declaration order. */
    private record RecordShape(List<Member> members) implements Shape {

        private record Member(String prefix, Method accessor, JsonInclude.Include include) {
        }

        static RecordShape of(Class<?> type) {
            JsonInclude.Include byType = include(type.getAnnotation(JsonInclude.class), JsonInclude.Include.NON_NULL);
            List<Member> members = new ArrayList<>();
            for (RecordComponent component : type.getRecordComponents()) {
                Method accessor = component.getAccessor();
                accessor.setAccessible(true);
                String name = component.getName();
                JsonInclude.Include include = byType;
                // reading annotations is slow on a cold JVM: only for members that have some
                if (accessor.getDeclaredAnnotations().length > 0) {
                    if (accessor.isAnnotationPresent(JsonIgnore.class) && accessor.getAnnotation(JsonIgnore.class).value()) {
                        continue;
                    }
                    JsonProperty property = accessor.getAnnotation(JsonProperty.class);
                    if (property != null && !property.value().isEmpty()) {
                        name = property.value();
                    }
                    include = include(accessor.getAnnotation(JsonInclude.class), include);
                }
                StringBuilder prefix = new StringBuilder();
                string(prefix, name);
                members.add(new Member(prefix.append(':').toString(), accessor, include));
            }
            return new RecordShape(List.copyOf(members));
        }

        private static JsonInclude.Include include(JsonInclude annotation, JsonInclude.Include otherwise) {
            if (annotation == null || annotation.value() == JsonInclude.Include.USE_DEFAULTS) {
                return otherwise;
            }
            JsonInclude.Include include = annotation.value();
            // not a switch: its synthetic class would load Jackson's tree classes with it
            if (include != JsonInclude.Include.ALWAYS && include != JsonInclude.Include.NON_NULL
                    && include != JsonInclude.Include.NON_EMPTY) {
                throw new IllegalStateException("@JsonInclude(" + include
                        + ") is not supported by the JSON writer: use ALWAYS, NON_NULL or NON_EMPTY");
            }
            return include;
        }

        @Override
        public void write(StringBuilder out, Object value) {
            out.append('{');
            boolean first = true;
            for (Member member : members) {
                Object memberValue = invoke(member.accessor(), value);
                if (member.include() != JsonInclude.Include.ALWAYS && isLeftOut(memberValue, member.include())) {
                    continue;
                }
                first = comma(out, first);
                out.append(member.prefix());
                value(out, memberValue);
            }
            out.append('}');
        }

        private static boolean isLeftOut(Object value, JsonInclude.Include include) {
            if (value == null) {
                return true;
            }
            if (include != JsonInclude.Include.NON_EMPTY) {
                return false;
            }
            return value instanceof String text && text.isEmpty()
                    || value instanceof Collection<?> items && items.isEmpty()
                    || value instanceof Map<?, ?> map && map.isEmpty()
                    || value.getClass().isArray() && Array.getLength(value) == 0;
        }
    }

}
