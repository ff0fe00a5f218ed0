package dev.ltv.config;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;
import java.math.BigDecimal;
import java.util.Collections;
import java.util.Currency;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ACQUISITION_COST_BY_CHANNEL}: a JSON object of acquisition costs by channel in the base currency, e.g.
 * {@code {"email": 12.50, "partner": 40}}. Channels it does not name use {@code ACQUISITION_COST}. Read with the
 * streaming parser only: every function loads the configuration at start.
 */
public final class ChannelCosts {

    static final int MAX_CHANNEL_LENGTH = 64;
    private static final JsonFactory JSON = new JsonFactory();

    private ChannelCosts() {
    }

    /** The costs by channel; empty for an absent or blank value or {@code {}}. */
    public static Map<String, BigDecimal> parse(String json, Currency currency) {
        if (json == null || json.isBlank()) {
            return Map.of();
        }
        Map<String, BigDecimal> costs = new TreeMap<>();
        try (JsonParser parser = JSON.createParser(json)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw invalid("a JSON object such as {\"email\": 12.50}");
            }
            for (JsonToken token = parser.nextToken(); token != JsonToken.END_OBJECT; token = parser.nextToken()) {
                String channel = parser.currentName();
                if (channel.isEmpty() || channel.length() > MAX_CHANNEL_LENGTH || channel.chars().anyMatch(Character::isISOControl)) {
                    throw invalid("channel names of 1 to " + MAX_CHANNEL_LENGTH + " characters without control characters");
                }
                JsonToken value = parser.nextToken();
                if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
                    throw invalid("a number for channel '" + channel + "'");
                }
                BigDecimal cost = parser.getDecimalValue();
                int digits = Math.max(currency.getDefaultFractionDigits(), 0);
                if (cost.signum() < 0 || cost.stripTrailingZeros().scale() > digits) {
                    throw invalid("an amount of 0 or more with at most " + digits + " decimals for channel '" + channel + "'");
                }
                if (costs.put(channel, cost) != null) {
                    throw invalid("each channel once ('" + channel + "' twice)");
                }
            }
            if (parser.nextToken() != null) {
                throw invalid("one JSON object and nothing after it");
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof Env.ConfigException config) {
                throw config;
            }
            throw invalid("a JSON object such as {\"email\": 12.50}");
        }
        return Collections.unmodifiableMap(costs);
    }

    private static Env.ConfigException invalid(String expected) {
        return new Env.ConfigException("ACQUISITION_COST_BY_CHANNEL must be " + expected);
    }
}
