package dev.ltv.fit;

/** The one summary line a fit logs: what was fitted on what, or why not. */
final class FitLog {

    private FitLog() {
    }

    static String summary(ModelFitting.Result result) {
        var data = result.data();
        String common = " asOf=" + data.summary().asOf() + " unit=" + data.summary().unit().label()
                + " customers=" + data.summary().size() + " repeatCustomers=" + data.repeatCustomers()
                + " rewound=" + data.rewound() + " notYetCustomers=" + data.notYetCustomers()
                + " unusable=" + data.unusable() + " durationMillis=" + result.durationMillis();
        return switch (result) {
            case ModelFitting.Fitted f -> "fit FITTED version=" + f.model().version() + common
                    + " r=" + f.model().bgNbd().r() + " alpha=" + f.model().bgNbd().alpha()
                    + " a=" + f.model().bgNbd().a() + " b=" + f.model().bgNbd().b()
                    + " p=" + f.model().gammaGamma().p() + " q=" + f.model().gammaGamma().q()
                    + " gamma=" + f.model().gammaGamma().gamma() + " model=" + f.model().kind().id()
                    + (f.model().choice() == null ? "" : " selection=" + f.model().choice().selection()
                    + " calibrationEnd=" + f.model().choice().calibrationEnd());
            case ModelFitting.Refused r -> "fit INSUFFICIENT_DATA" + common + " reason=\"" + r.attempt().reason()
                    + "\" latestVersion=" + r.previous().map(m -> Long.toString(m.version())).orElse("none");
        };
    }
}
