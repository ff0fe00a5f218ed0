package dev.ltv.config;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** Reads configuration variables (the environment that template.yaml sets), with clear errors for bad values. */
public final class Env {

    private final Function<String, String> source;

    private Env(Function<String, String> source) {
        this.source = source;
    }

    public static Env system() {
        return new Env(System::getenv);
    }

    public static Env of(Map<String, String> values) {
        return new Env(values::get);
    }

    public Optional<String> optional(String name) {
        String value = source.apply(name);
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.trim());
    }

    public String required(String name) {
        return optional(name).orElseThrow(() -> new ConfigException(name + " is not set"));
    }

    public String string(String name, String defaultValue) {
        return optional(name).orElse(defaultValue);
    }

    public BigDecimal decimal(String name, String defaultValue) {
        String raw = string(name, defaultValue);
        try {
            return new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " is not a decimal number: " + raw);
        }
    }

    public Optional<BigDecimal> optionalDecimal(String name) {
        return optional(name).map(raw -> {
            try {
                return new BigDecimal(raw);
            } catch (NumberFormatException e) {
                throw new ConfigException(name + " is not a decimal number: " + raw);
            }
        });
    }

    public int integer(String name, int defaultValue) {
        String raw = string(name, Integer.toString(defaultValue));
        try {
            return Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw new ConfigException(name + " is not a whole number: " + raw);
        }
    }

    /** A configuration mistake: fails the container's start, never a client's request. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }
}
