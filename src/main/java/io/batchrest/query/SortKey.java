package io.batchrest.query;

import java.util.Arrays;
import java.util.Optional;

/** One {@code sort} key (v3+): an allow-listed field, ascending unless prefixed with {@code -}. */
public record SortKey(Field field, boolean descending) {

    /** The order of a search without {@code sort}: newest first. */
    public static final SortKey DEFAULT = new SortKey(Field.CREATE_TIME, true);

    /** As written in {@code sort}: the field's query name, with {@code -} for descending. */
    public String text() {
        return (descending ? "-" : "") + field.queryName;
    }

    /** The sortable fields of docs/contract.md §6, by their query names. */
    public enum Field {
        CREATE_TIME("createTime"), LAST_UPDATED_TIME("lastUpdatedTime"), SUBMITTER("submitter"),
        APP_NAME("amcName"), JOB_XML_NAME("jobXMLName"), BATCH_STATUS("batchStatus"), EXIT_STATUS("exitStatus");

        private final String queryName;

        Field(String queryName) {
            this.queryName = queryName;
        }

        static Optional<Field> byQueryName(String name) {
            return Arrays.stream(values()).filter(f -> f.queryName.equalsIgnoreCase(name)
                    || (f == APP_NAME && "appName".equalsIgnoreCase(name))).findFirst();
        }
    }
}
