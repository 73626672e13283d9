package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UpdatedBeforeCreatedInstancesTest {

    private static final String NOT_RECORDED = "WHERE NOT EXISTS (SELECT 1 FROM BATCHREST.UPDATED_BEFORE_CREATED r "
            + "WHERE r.INSTANCE_ID = ";

    @Test
    void derbyHasATriggerForInsertsAndOneForUpdatesOfEitherTimeThatRecordAnInstanceOnce() {
        assertEquals(List.of("BATCHREST_JI_UPDATED_BEFORE_CREATED_INSERT", "BATCHREST_JI_UPDATED_BEFORE_CREATED_UPDATE"),
                UpdatedBeforeCreatedInstances.TRIGGERS);
        assertEquals("CREATE TRIGGER JBATCH.BATCHREST_JI_UPDATED_BEFORE_CREATED_INSERT AFTER INSERT ON "
                + "JBATCH.JOBINSTANCE REFERENCING NEW AS N FOR EACH ROW WHEN (N.UPDATETIME < N.CREATETIME) INSERT INTO "
                + "BATCHREST.UPDATED_BEFORE_CREATED (INSTANCE_ID) SELECT N.JOBINSTANCEID FROM SYSIBM.SYSDUMMY1 "
                + NOT_RECORDED + "N.JOBINSTANCEID)", UpdatedBeforeCreatedInstances.derbyTrigger("INSERT"));
        assertEquals("CREATE TRIGGER JBATCH.BATCHREST_JI_UPDATED_BEFORE_CREATED_UPDATE AFTER UPDATE OF UPDATETIME, "
                + "CREATETIME ON JBATCH.JOBINSTANCE REFERENCING NEW AS N FOR EACH ROW WHEN (N.UPDATETIME < N.CREATETIME) "
                + "INSERT INTO BATCHREST.UPDATED_BEFORE_CREATED (INSTANCE_ID) SELECT N.JOBINSTANCEID FROM "
                + "SYSIBM.SYSDUMMY1 " + NOT_RECORDED + "N.JOBINSTANCEID)",
                UpdatedBeforeCreatedInstances.derbyTrigger("UPDATE OF UPDATETIME, CREATETIME"));
    }

    @Test
    void postgreSqlTriggersCallOneFunctionThatRecordsAnInstanceOnce() {
        assertEquals("CREATE TRIGGER BATCHREST_JI_UPDATED_BEFORE_CREATED_UPDATE AFTER UPDATE OF UPDATETIME, CREATETIME "
                + "ON JBATCH.JOBINSTANCE FOR EACH ROW WHEN (NEW.UPDATETIME < NEW.CREATETIME) EXECUTE PROCEDURE "
                + "BATCHREST.RECORD_UPDATED_BEFORE_CREATED()",
                UpdatedBeforeCreatedInstances.postgreSqlTrigger("UPDATE OF UPDATETIME, CREATETIME"));
        assertEquals("CREATE OR REPLACE FUNCTION BATCHREST.RECORD_UPDATED_BEFORE_CREATED() RETURNS TRIGGER LANGUAGE "
                + "plpgsql AS $$ BEGIN INSERT INTO BATCHREST.UPDATED_BEFORE_CREATED (INSTANCE_ID) SELECT "
                + "NEW.JOBINSTANCEID " + NOT_RECORDED + "NEW.JOBINSTANCEID); RETURN NULL; END $$",
                UpdatedBeforeCreatedInstances.postgreSqlFunction());
    }

    @Test
    void theInstancesOfTheTimeBeforeTheTriggersAreRecordedAndOutdatedOnesDeleted() {
        assertEquals("INSERT INTO BATCHREST.UPDATED_BEFORE_CREATED (INSTANCE_ID) SELECT i.JOBINSTANCEID FROM "
                + "JBATCH.JOBINSTANCE i " + NOT_RECORDED + "i.JOBINSTANCEID) AND i.UPDATETIME < i.CREATETIME",
                UpdatedBeforeCreatedInstances.recordExisting());
        assertEquals("DELETE FROM BATCHREST.UPDATED_BEFORE_CREATED r WHERE r.INSTANCE_ID <> ? AND NOT EXISTS (SELECT 1 "
                + "FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID = r.INSTANCE_ID AND i.UPDATETIME < i.CREATETIME)",
                UpdatedBeforeCreatedInstances.deleteOutdated());
    }

    @Test
    void aSearchReadsTheRecordedInstancesButTheMarkThenTestsTheirRowsAgainstItsRange() {
        JobInstanceSearchSql.Sql recorded = UpdatedBeforeCreatedInstances.recorded(1_001);
        assertEquals("SELECT INSTANCE_ID FROM BATCHREST.UPDATED_BEFORE_CREATED WHERE INSTANCE_ID <> ? "
                + "FETCH FIRST ? ROWS ONLY", recorded.text());
        assertEquals(List.of(UpdatedBeforeCreatedInstances.COMPLETE_MARK, 1_001), recorded.parameters());

        Instant from = Instant.parse("2026-03-01T00:00:00Z");
        Instant until = Instant.parse("2026-04-01T00:00:00Z");
        JobInstanceSearchSql.Sql inMarch = UpdatedBeforeCreatedInstances.createdAfterRange(List.of(7L, 9L),
                Optional.of(from), until);
        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID IN (?, ?) AND i.UPDATETIME < ? "
                + "AND i.CREATETIME >= ? AND i.UPDATETIME >= ?", inMarch.text());
        assertEquals(List.of(7L, 9L, until, until, from), inMarch.parameters());
        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID IN (?) AND i.UPDATETIME < ? "
                + "AND i.CREATETIME >= ?", UpdatedBeforeCreatedInstances.createdAfterRange(List.of(7L),
                Optional.empty(), until).text());
    }
}
