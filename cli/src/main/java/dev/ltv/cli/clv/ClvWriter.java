package dev.ltv.cli.clv;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ltv.predict.BgNbdParameters;
import dev.ltv.predict.ClvModel;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.InsufficientData;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PredictionResult;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes rfm, parameters and predictions files (.csv or .json). The time unit is in every file: in CSV
 * column names ({@code recency_weeks}), in JSON a {@code unit} field. Model figures keep full double
 * precision; per-customer figures are rounded to 6 decimals (far below a cent or a purchase).
 */
final class ClvWriter {

    private static final int DECIMALS = 6;
    private static final JsonFactory JSON = new JsonFactory();

    private final Path dir;
    private final ClvOptions.Format format;

    ClvWriter(Path dir, ClvOptions.Format format) {
        this.dir = dir;
        this.format = format;
    }

    private Path file(String name) {
        return dir.resolve(name + (format == ClvOptions.Format.CSV ? ".csv" : ".json"));
    }

    void writeSummary(RfmSummary summary) throws IOException {
        String unit = summary.unit().label();
        if (format == ClvOptions.Format.CSV) {
            try (BufferedWriter w = Files.newBufferedWriter(file("rfm"), StandardCharsets.UTF_8)) {
                w.write("customer_id,frequency,recency_" + unit + ",T_" + unit + ",monetary_value\n");
                for (Map.Entry<String, Rfm> e : summary.customers().entrySet()) {
                    Rfm r = e.getValue();
                    w.write(String.join(",", e.getKey(), Integer.toString(r.frequency()), plain(r.recency()),
                            plain(r.age()), money(r.monetaryValue()).toPlainString()) + "\n");
                }
            }
            return;
        }
        try (JsonGenerator g = json(file("rfm"))) {
            g.writeStartObject();
            g.writeStringField("asOf", summary.asOf().toString());
            g.writeStringField("unit", unit);
            g.writeArrayFieldStart("customers");
            for (Map.Entry<String, Rfm> e : summary.customers().entrySet()) {
                Rfm r = e.getValue();
                g.writeStartObject();
                g.writeStringField("customerId", e.getKey());
                g.writeNumberField("frequency", r.frequency());
                g.writeNumberField("recency", decimal(r.recency()));
                g.writeNumberField("T", decimal(r.age()));
                g.writeNumberField("monetaryValue", money(r.monetaryValue()));
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void writeParameters(ClvModel model, ClvSettings settings) throws IOException {
        BgNbdParameters b = model.purchases().parameters();
        GammaGammaParameters s = model.spend().parameters();
        Object[][] rows = {
            {"as_of", model.asOf().toString()},
            {"unit", model.unit().label()},
            {"bgnbd_r", b.r()},
            {"bgnbd_alpha", b.alpha()},
            {"bgnbd_a", b.a()},
            {"bgnbd_b", b.b()},
            {"bgnbd_log_likelihood", model.purchases().logLikelihood()},
            {"bgnbd_customers", (long) model.purchases().customers()},
            {"gamma_gamma_p", s.p()},
            {"gamma_gamma_q", s.q()},
            {"gamma_gamma_gamma", s.gamma()},
            {"gamma_gamma_log_likelihood", model.spend().logLikelihood()},
            {"gamma_gamma_customers", model.spend().customers()},
            {"horizon_months", settings.horizonMonths()},
            {model.unit().label() + "_per_month", model.unit().perMonth()},
            {"monthly_discount_rate", settings.monthlyDiscountRate()},
            {"margin", settings.margin()},
        };
        if (format == ClvOptions.Format.CSV) {
            try (BufferedWriter w = Files.newBufferedWriter(file("parameters"), StandardCharsets.UTF_8)) {
                w.write("name,value\n");
                for (Object[] row : rows) {
                    w.write(row[0] + "," + row[1] + "\n");
                }
            }
            return;
        }
        try (JsonGenerator g = json(file("parameters"))) {
            g.writeStartObject();
            for (Object[] row : rows) {
                g.writeFieldName(camel((String) row[0]));
                if (row[1] instanceof String text) {
                    g.writeString(text);
                } else if (row[1] instanceof Double d) {
                    g.writeNumber(d);
                } else {
                    g.writeNumber(((Number) row[1]).longValue());
                }
            }
            g.writeEndObject();
        }
    }

    void writePredictions(RfmSummary summary, ClvModel model, ClvSettings settings) throws IOException {
        int months = settings.horizonMonths();
        if (format == ClvOptions.Format.CSV) {
            try (BufferedWriter w = Files.newBufferedWriter(file("predictions"), StandardCharsets.UTF_8)) {
                w.write("customer_id,status,expected_purchases_next_" + months + "_months,p_alive,expected_spend,clv_"
                        + months + "_months,reason\n");
                for (Map.Entry<String, Rfm> e : summary.customers().entrySet()) {
                    switch (model.predict(e.getValue(), settings)) {
                        case Prediction p -> w.write(String.join(",", e.getKey(), "ok",
                                plain(p.expectedPurchases()), plain(p.probabilityAlive()), plain(p.expectedSpend()),
                                plain(p.clv()), "") + "\n");
                        case InsufficientData i -> w.write(e.getKey() + ",insufficient_data,,,,,\""
                                + i.reason().replace("\"", "\"\"") + "\"\n");
                    }
                }
            }
            return;
        }
        try (JsonGenerator g = json(file("predictions"))) {
            g.writeStartObject();
            g.writeStringField("asOf", model.asOf().toString());
            g.writeStringField("unit", model.unit().label());
            g.writeNumberField("horizonMonths", months);
            g.writeArrayFieldStart("customers");
            for (Map.Entry<String, Rfm> e : summary.customers().entrySet()) {
                PredictionResult result = model.predict(e.getValue(), settings);
                g.writeStartObject();
                g.writeStringField("customerId", e.getKey());
                switch (result) {
                    case Prediction p -> {
                        g.writeStringField("status", "ok");
                        g.writeNumberField("expectedPurchases", decimal(p.expectedPurchases()));
                        g.writeNumberField("probabilityAlive", decimal(p.probabilityAlive()));
                        g.writeNumberField("expectedSpend", decimal(p.expectedSpend()));
                        g.writeNumberField("clv", decimal(p.clv()));
                    }
                    case InsufficientData i -> {
                        g.writeStringField("status", "insufficient_data");
                        g.writeStringField("reason", i.reason());
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static JsonGenerator json(Path path) throws IOException {
        OutputStream out = Files.newOutputStream(path);
        JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8);
        g.enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
        g.useDefaultPrettyPrinter();
        return g;
    }

    private static BigDecimal decimal(double value) {
        return BigDecimal.valueOf(value).setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String plain(double value) {
        return decimal(value).toPlainString();
    }

    private static BigDecimal money(BigDecimal value) {
        return value.setScale(DECIMALS, RoundingMode.HALF_EVEN).stripTrailingZeros();
    }

    private static String camel(String snake) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
