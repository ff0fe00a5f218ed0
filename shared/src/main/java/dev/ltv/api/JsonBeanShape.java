package dev.ltv.api;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How {@link JsonWriter} writes a class that is no record, enum, map, collection or scalar (an AWS event in a
 * dead-letter message, say): as databind writes a bean, by its public getters, named as
 * databind names them ({@code getEventID} is {@code eventID}, {@code getBOOL} is {@code bool}), null ones
 * left out; those backed by a field first, in field order, then the others by name.
 */
record JsonBeanShape(List<String> prefixes, List<Method> getters) implements JsonWriter.Shape {

    static JsonBeanShape of(Class<?> type) {
        Map<String, Method> byName = new TreeMap<>();
        for (Method method : type.getMethods()) {
            String name = propertyName(method);
            if (name != null) {
                byName.putIfAbsent(name, method);
            }
        }
        List<String> order = new ArrayList<>();
        List<Class<?>> hierarchy = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            hierarchy.addFirst(c);
        }
        for (Class<?> c : hierarchy) {
            for (Field field : c.getDeclaredFields()) {
                if (byName.containsKey(field.getName()) && !order.contains(field.getName())) {
                    order.add(field.getName());
                }
            }
        }
        byName.keySet().stream().filter(name -> !order.contains(name)).forEach(order::add);
        List<String> prefixes = new ArrayList<>();
        List<Method> getters = new ArrayList<>();
        for (String name : order) {
            StringBuilder prefix = new StringBuilder();
            JsonWriter.string(prefix, name);
            prefixes.add(prefix.append(':').toString());
            getters.add(byName.get(name));
        }
        return new JsonBeanShape(List.copyOf(prefixes), List.copyOf(getters));
    }

    /** Databind's getter rules: public, no parameter, get… (is… for a boolean); its legacy name mangling. */
    private static String propertyName(Method method) {
        if (Modifier.isStatic(method.getModifiers()) || method.getParameterCount() > 0 || method.isSynthetic()
                || method.getReturnType() == void.class || method.getDeclaringClass() == Object.class) {
            return null;
        }
        String name = method.getName();
        String rest;
        if (name.startsWith("get") && name.length() > 3) {
            rest = name.substring(3);
        } else if (name.startsWith("is") && name.length() > 2 && method.getReturnType() == boolean.class) {
            rest = name.substring(2);
        } else {
            return null;
        }
        StringBuilder mangled = new StringBuilder(rest);
        for (int i = 0; i < mangled.length() && Character.isUpperCase(mangled.charAt(i)); i++) {
            mangled.setCharAt(i, Character.toLowerCase(mangled.charAt(i)));
        }
        return mangled.toString();
    }

    @Override
    public void write(StringBuilder out, Object value) {
        out.append('{');
        boolean first = true;
        for (int i = 0; i < getters.size(); i++) {
            Object member = JsonWriter.invoke(getters.get(i), value);
            if (member != null) {
                first = JsonWriter.comma(out, first);
                out.append(prefixes.get(i));
                JsonWriter.value(out, member);
            }
        }
        out.append('}');
    }
}
