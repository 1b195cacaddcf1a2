package dev.datafn.example.todo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.datafn.json.Json;
import dev.datafn.schema.ResourceSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.function.Consumer;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The rows of a file {@code import} reads, one at a time, each with the line it starts on: JSON lines as
 * {@code export} writes them ({@code {"resource": "todos", "record": {...}}}), or a CSV file of one resource with
 * a header ({@link RecordCsv}). A row that is no record (not JSON, not an object, no resource, a CSV row with too
 * few cells) is handed over as {@link Malformed}, and the rows after it are read on. A CSV file whose quoting is
 * broken cannot be read past the break: that row is the last.
 */
final class ImportFile {

    private ImportFile() {
    }

    /** A row of the file. */
    sealed interface Row permits Found, Malformed {

        /** @return the line the row starts on, from 1 */
        long line();
    }

    /**
     * A record to import.
     *
     * @param line     the line it starts on
     * @param resource its resource
     * @param record   the record
     */
    record Found(long line, String resource, ObjectNode record) implements Row {
    }

    /**
     * A row that is no record.
     *
     * @param line    the line it starts on
     * @param message what is wrong with it
     */
    record Malformed(long line, String message) implements Row {
    }

    /** @param file a JSON lines file @return its rows: the lines that are not blank */
    static long countJsonLines(Path file) {
        try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
            return lines.filter(line -> !line.isBlank()).count();
        } catch (IOException | UncheckedIOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a JSON lines file.
     *
     * @param file the file
     * @param rows hears each row that is not blank
     */
    static void readJsonLines(Path file, Consumer<Row> rows) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            long number = 0;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                number++;
                if (!line.isBlank()) {
                    rows.accept(jsonLine(number, line));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static Row jsonLine(long number, String line) {
        JsonNode row;
        try {
            row = Json.MAPPER.readTree(line);
        } catch (JsonProcessingException e) {
            return new Malformed(number, "not JSON: " + e.getOriginalMessage());
        }
        if (row == null || !row.isObject()) {
            return new Malformed(number, "not a JSON object");
        }
        JsonNode resource = row.get("resource");
        JsonNode record = row.get("record");
        if (resource == null || !resource.isTextual() || record == null || !record.isObject()) {
            return new Malformed(number, "a line is {\"resource\": \"<name>\", \"record\": {...}}");
        }
        return new Found(number, resource.textValue(), (ObjectNode) record);
    }

    /** @param file a CSV file @return its rows, the header not counted; those before a break in its quoting */
    static long countCsvRows(Path file) {
        long rows = 0;
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.builder().setReader(reader).setFormat(RecordCsv.FORMAT).get()) {
            for (Iterator<CSVRecord> it = csv.iterator(); it.hasNext(); it.next()) {
                rows++;
            }
            return Math.max(0, rows - 1);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (UncheckedIOException | IllegalStateException e) {
            return Math.max(0, rows - 1);
        }
    }

    /**
     * Reads a CSV file of one resource, whose first row names the columns.
     *
     * @param file     the file
     * @param resource the resource of its records
     * @param rows     hears each row after the header
     * @throws IllegalArgumentException when the file cannot be read or has no header
     */
    static void readCsv(Path file, ResourceSchema resource, Consumer<Row> rows) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVParser.builder().setReader(reader).setFormat(RecordCsv.FORMAT).get()) {
            Iterator<CSVRecord> it = csv.iterator();
            if (!it.hasNext()) {
                throw new IllegalArgumentException(file + " is empty: a CSV file starts with its header, the "
                        + "resource's field names");
            }
            List<String> header = it.next().toList();
            while (true) {
                // A row may span lines (a quoted line break): it starts after the previous row's last line.
                long line = csv.getCurrentLineNumber() + 1;
                CSVRecord row;
                try {
                    if (!it.hasNext()) {
                        return;
                    }
                    row = it.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    rows.accept(new Malformed(line, "not CSV, and nothing after it can be read: "
                            + e.getMessage()));
                    return;
                }
                if (row.size() != header.size()) {
                    rows.accept(new Malformed(line, "has " + row.size() + " values for the header's "
                            + header.size() + " columns"));
                } else {
                    rows.accept(new Found(line, resource.name(), RecordCsv.record(resource, header, row.toList())));
                }
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
