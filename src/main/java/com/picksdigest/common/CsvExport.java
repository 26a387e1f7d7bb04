package com.picksdigest.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * CSV for people who open it in a spreadsheet: RFC 4180 quoting (commons-csv) and, as OWASP's CSV injection advice
 * says, a cell starting with = + - @, a tab or a carriage return is prefixed with a single quote, so a spreadsheet
 * shows it as text instead of running it as a formula.
 */
public final class CsvExport implements AutoCloseable {
    private final CSVPrinter printer;

    public CsvExport(Writer out, List<String> header) {
        try {
            this.printer = new CSVPrinter(out, CSVFormat.RFC4180);
            row(header);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void row(List<String> cells) {
        try {
            printer.printRecord(cells.stream().map(CsvExport::cell).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cell as written: null as empty, a formula-like start neutralised. */
    public static String cell(String value) {
        if (value == null || value.isEmpty()) return "";
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value
                : value;
    }

    @Override
    public void close() {
        try {
            printer.close(true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
