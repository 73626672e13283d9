package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class OwnTablesTest {

    @Test
    void theCreatedObjectIsTheSchemaOrTheQualifiedTable() {
        assertEquals("BATCHREST", OwnTables.createdObject("CREATE SCHEMA BATCHREST"));
        assertEquals("BATCHREST.JOB_EVENT", OwnTables.createdObject("CREATE TABLE BATCHREST.JOB_EVENT (ID BIGINT)"));
        assertEquals("BATCHREST.T", OwnTables.createdObject("CREATE TABLE BATCHREST.T(ID BIGINT)"));
        assertEquals(BatchRestTables.IdempotencyKey.TABLE, OwnTables.createdObject(IdempotencyKeyStore.CREATE_TABLE));
        assertThrows(IllegalArgumentException.class, () -> OwnTables.createdObject("CREATE INDEX I ON T (C)"));
        assertThrows(IllegalArgumentException.class, () -> OwnTables.createdObject("DROP TABLE BATCHREST.T"));
    }

    /** A table added to {@link BatchRestTables} without its statement in the list would be created while jobs run. */
    @Test
    void theStartCreatesEveryTableOfBatchRestTablesOnceEach() throws ReflectiveOperationException {
        List<String> tables = new ArrayList<>();
        for (Class<?> table : BatchRestTables.class.getDeclaredClasses()) {
            Field name = table.getDeclaredField("TABLE");
            if (Modifier.isStatic(name.getModifiers())) {
                tables.add((String) name.get(null));
            }
        }
        List<String> created = OwnTables.EVERY_TABLE.stream().map(OwnTables::createdObject).toList();
        assertEquals(tables.stream().sorted().toList(), created.stream().sorted().toList());
        assertEquals(created.stream().distinct().toList(), created);
    }
}
