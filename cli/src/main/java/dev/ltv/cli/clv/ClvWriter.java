package dev.ltv.cli.clv;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.ltv.predict.ClvForecast;
import dev.ltv.predict.ClvSettings;
import dev.ltv.predict.GammaGammaParameters;
import dev.ltv.predict.HoldoutScorecard;
import dev.ltv.predict.ModelKind;
import dev.ltv.predict.ModelSelection;
import dev.ltv.predict.Prediction;
import dev.ltv.predict.PredictionInterval;
import dev.ltv.predict.PurchaseFit;
import dev.ltv.predict.Rfm;
import dev.ltv.predict.RfmSummary;
import dev.ltv.predict.TimeUnit;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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

    void writeParameters(ClvForecast model, ClvSettings settings, double intervalLevel) throws IOException {
        PurchaseFit fit = model.purchases();
        String id = fit.kind().id();
        GammaGammaParameters s = model.spend().parameters();
        List<Object[]> rows = new ArrayList<>();
        rows.add(new Object[] {"as_of", model.asOf().toString()});
        rows.add(new Object[] {"unit", model.unit().label()});
        rows.add(new Object[] {"model", id});
        double[] values = fit.parameters();
        double[] se = fit.standardErrors();
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {id + "_" + fit.kind().parameterNames().get(i), values[i]});
        }
        for (int i = 0; i < values.length; i++) {
            rows.add(new Object[] {id + "_" + fit.kind().parameterNames().get(i) + "_se", se[i]});
        }
        rows.add(new Object[] {id + "_log_likelihood", fit.logLikelihood()});
        rows.add(new Object[] {id + "_customers", (long) fit.customers()});
        rows.add(new Object[] {"gamma_gamma_p", s.p()});
        rows.add(new Object[] {"gamma_gamma_q", s.q()});
        rows.add(new Object[] {"gamma_gamma_gamma", s.gamma()});
        rows.add(new Object[] {"gamma_gamma_log_likelihood", model.spend().logLikelihood()});
        rows.add(new Object[] {"gamma_gamma_customers", model.spend().customers()});
        rows.add(new Object[] {"horizon_months", settings.horizonMonths()});
        rows.add(new Object[] {model.unit().label() + "_per_month", model.unit().perMonth()});
        rows.add(new Object[] {"monthly_discount_rate", settings.monthlyDiscountRate()});
        rows.add(new Object[] {"margin", settings.margin()});
        rows.add(new Object[] {"interval_level", intervalLevel});
        rows.add(new Object[] {"interval_draws", (long) model.draws().purchases().size()});
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

    /** scorecard and calibration_plot: every candidate's holdout result, and which one was chosen. */
    void writeScorecard(ModelSelection.Result selection, LocalDate calibrationEnd, LocalDate holdoutEnd,
                        TimeUnit unit) throws IOException {
        ModelKind chosen = selection.chosen().kind();
        String u = unit.label();
        if (format == ClvOptions.Format.CSV) {
            try (BufferedWriter w = Files.newBufferedWriter(file("scorecard"), StandardCharsets.UTF_8)) {
                w.write("model,chosen,status,calibration_end,holdout_end,holdout_" + u + ",customers,actual_purchases,"
                        + "predicted_purchases,purchases_total_error,purchases_mae,purchases_bias,purchases_rmse,"
                        + "correlation,actual_revenue,predicted_revenue,spend_mae,spend_bias,reason\n");
                for (ModelSelection.Candidate c : selection.candidates()) {
                    String head = c.kind().id() + "," + (c.kind() == chosen) + ",";
                    if (c.scorecard().isEmpty()) {
                        w.write(head + "refused," + calibrationEnd + "," + holdoutEnd + ",,,,,,,,,,,,,,\""
                                + c.refusal().orElse("").replace("\"", "\"\"") + "\"\n");
                        continue;
                    }
                    HoldoutScorecard k = c.scorecard().get();
                    w.write(head + String.join(",", "ok", calibrationEnd.toString(), holdoutEnd.toString(),
                            plain(k.span()), Integer.toString(k.customers()), Long.toString(k.actualPurchases()),
                            plain(k.predictedPurchases()), plain(k.purchasesTotalError()), plain(k.purchasesMae()),
                            plain(k.purchasesBias()), plain(k.purchasesRmse()), plain(k.correlation()),
                            plain(k.actualRevenue()), plain(k.predictedRevenue()), plain(k.spendMae()),
                            plain(k.spendBias()), "") + "\n");
                }
            }
            try (BufferedWriter w = Files.newBufferedWriter(file("calibration_plot"), StandardCharsets.UTF_8)) {
                w.write("model,calibration_frequency,customers,actual_mean_holdout_purchases,"
                        + "predicted_mean_holdout_purchases\n");
                for (ModelSelection.Candidate c : selection.candidates()) {
                    if (c.scorecard().isPresent()) {
                        for (HoldoutScorecard.FrequencyRow row : c.scorecard().get().byFrequency()) {
                            w.write(String.join(",", c.kind().id(), row.frequency(), Integer.toString(row.customers()),
                                    plain(row.actualMean()), plain(row.predictedMean())) + "\n");
                        }
                    }
                }
            }
            return;
        }
        try (JsonGenerator g = json(file("scorecard"))) {
            g.writeStartObject();
            g.writeStringField("calibrationEnd", calibrationEnd.toString());
            g.writeStringField("holdoutEnd", holdoutEnd.toString());
            g.writeStringField("unit", u);
            g.writeStringField("chosen", chosen.id());
            g.writeArrayFieldStart("candidates");
            for (ModelSelection.Candidate c : selection.candidates()) {
                g.writeStartObject();
                g.writeStringField("model", c.kind().id());
                if (c.scorecard().isEmpty()) {
                    g.writeStringField("status", "refused");
                    g.writeStringField("reason", c.refusal().orElse(""));
                    g.writeEndObject();
                    continue;
                }
                HoldoutScorecard k = c.scorecard().get();
                g.writeStringField("status", "ok");
                g.writeNumberField("holdout", decimal(k.span()));
                g.writeNumberField("customers", k.customers());
                g.writeNumberField("actualPurchases", k.actualPurchases());
                g.writeNumberField("predictedPurchases", decimal(k.predictedPurchases()));
                g.writeNumberField("purchasesTotalError", decimal(k.purchasesTotalError()));
                g.writeNumberField("purchasesMae", decimal(k.purchasesMae()));
                g.writeNumberField("purchasesBias", decimal(k.purchasesBias()));
                g.writeNumberField("purchasesRmse", decimal(k.purchasesRmse()));
                g.writeNumberField("correlation", decimal(k.correlation()));
                g.writeNumberField("actualRevenue", decimal(k.actualRevenue()));
                g.writeNumberField("predictedRevenue", decimal(k.predictedRevenue()));
                g.writeNumberField("spendMae", decimal(k.spendMae()));
                g.writeNumberField("spendBias", decimal(k.spendBias()));
                g.writeArrayFieldStart("byFrequency");
                for (HoldoutScorecard.FrequencyRow row : k.byFrequency()) {
                    g.writeStartObject();
                    g.writeStringField("frequency", row.frequency());
                    g.writeNumberField("customers", row.customers());
                    g.writeNumberField("actualMean", decimal(row.actualMean()));
                    g.writeNumberField("predictedMean", decimal(row.predictedMean()));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    void writePredictions(RfmSummary summary, ClvForecast model, ClvSettings settings, double level)
            throws IOException {
        int months = settings.horizonMonths();
        List<Map.Entry<String, Rfm>> customers = List.copyOf(summary.customers().entrySet());
        Prediction[] points = new Prediction[customers.size()];
        PredictionInterval[] intervals = new PredictionInterval[customers.size()];
        // the intervals evaluate the model once per parameter draw: spread the customers over the cores
        java.util.stream.IntStream.range(0, customers.size()).parallel().forEach(i -> {
            Rfm rfm = customers.get(i).getValue();
            points[i] = model.predict(rfm, settings);
            intervals[i] = model.interval(rfm, settings, level);
        });
        if (format == ClvOptions.Format.CSV) {
            try (BufferedWriter w = Files.newBufferedWriter(file("predictions"), StandardCharsets.UTF_8)) {
                w.write("customer_id,status,expected_purchases_next_" + months + "_months,p_alive,expected_spend,clv_"
                        + months + "_months,expected_purchases_lower,expected_purchases_upper,p_alive_lower,"
                        + "p_alive_upper,clv_lower,clv_upper,reason\n");
                for (int i = 0; i < points.length; i++) {
                    Prediction p = points[i];
                    PredictionInterval v = intervals[i];
                    w.write(String.join(",", customers.get(i).getKey(), "ok",
                            plain(p.expectedPurchases()), plain(p.probabilityAlive()), plain(p.expectedSpend()),
                            plain(p.clv()), plain(v.expectedPurchases().lower()), plain(v.expectedPurchases().upper()),
                            plain(v.probabilityAlive().lower()), plain(v.probabilityAlive().upper()),
                            plain(v.clv().lower()), plain(v.clv().upper()), "") + "\n");
                }
            }
            return;
        }
        try (JsonGenerator g = json(file("predictions"))) {
            g.writeStartObject();
            g.writeStringField("asOf", model.asOf().toString());
            g.writeStringField("unit", model.unit().label());
            g.writeStringField("model", model.purchases().kind().id());
            g.writeNumberField("horizonMonths", months);
            g.writeNumberField("intervalLevel", level);
            g.writeArrayFieldStart("customers");
            for (int i = 0; i < points.length; i++) {
                Prediction p = points[i];
                PredictionInterval v = intervals[i];
                g.writeStartObject();
                g.writeStringField("customerId", customers.get(i).getKey());
                g.writeStringField("status", "ok");
                g.writeNumberField("expectedPurchases", decimal(p.expectedPurchases()));
                g.writeNumberField("probabilityAlive", decimal(p.probabilityAlive()));
                g.writeNumberField("expectedSpend", decimal(p.expectedSpend()));
                g.writeNumberField("clv", decimal(p.clv()));
                g.writeObjectFieldStart("interval");
                range(g, "expectedPurchases", v.expectedPurchases());
                range(g, "probabilityAlive", v.probabilityAlive());
                range(g, "clv", v.clv());
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private static void range(JsonGenerator g, String name, PredictionInterval.Range range) throws IOException {
        g.writeArrayFieldStart(name);
        g.writeNumber(decimal(range.lower()));
        g.writeNumber(decimal(range.upper()));
        g.writeEndArray();
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
