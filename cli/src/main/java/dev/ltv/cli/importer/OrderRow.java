package dev.ltv.cli.importer;

import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * One data row of the orders file: its number (1 = the first row after the header), its fields as read, and
 * either the purchase to post or why it was refused before sending.
 */
record OrderRow(long number, List<String> fields, ObjectNode purchase, String errorCode, String errorMessage) {

    boolean refusedLocally() {
        return purchase == null;
    }
}
