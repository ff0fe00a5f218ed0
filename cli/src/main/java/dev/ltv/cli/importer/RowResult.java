package dev.ltv.cli.importer;

/** What became of one row: created, already there (a duplicate), or refused with the API's code and message. */
record RowResult(OrderRow row, Status status, String code, String message) {

    enum Status { CREATED, DUPLICATE, REJECTED }

    static RowResult rejected(OrderRow row, String code, String message) {
        return new RowResult(row, Status.REJECTED, code, message);
    }
}
