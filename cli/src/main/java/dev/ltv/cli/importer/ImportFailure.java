package dev.ltv.cli.importer;

/** The API cannot take the rows (unreachable, refusing every attempt, or refusing the client itself). */
final class ImportFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ImportFailure(String message) {
        super(message);
    }
}
