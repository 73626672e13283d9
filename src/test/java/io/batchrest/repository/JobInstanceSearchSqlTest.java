package io.batchrest.repository;

import io.batchrest.query.InstanceIdFilter;
import io.batchrest.query.JobInstanceSearch;
import io.batchrest.query.PageRequest;
import io.batchrest.query.SortKey;
import io.batchrest.query.TimeRange;
import org.junit.jupiter.api.Test;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class JobInstanceSearchSqlTest {

    @Test
    void theV1ListIsNewestFirstWithTheIdAsTieBreaker() {
        JobInstanceSearchSql.Sql sql = JobInstanceSearchSql.page(JobInstanceSearch.everything(new PageRequest(2, 10)),
                Optional.empty());

        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i ORDER BY i.CREATETIME DESC, "
                + "i.JOBINSTANCEID DESC OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", sql.text());
        assertEquals(List.of(20L, 10), sql.parameters());
    }

    @Test
    void everyFilterIsABoundParameterAndTheyAndTogether() {
        Instant from = Instant.parse("2026-11-01T00:00:00Z");
        JobInstanceSearch search = new JobInstanceSearch(Optional.of(new InstanceIdFilter.Between(5, 9)),
                Optional.of(new TimeRange(Optional.of(from), Optional.empty())), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of("FAIL*"), List.of("bob"), List.of("batch-rest"),
                List.of("chunk*", "sleepy"), Map.of("kind", "a_b*"), false,
                List.of(new SortKey(SortKey.Field.SUBMITTER, false)), new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = JobInstanceSearchSql.page(search, Optional.of("submitter1"));

        assertEquals("SELECT " + columns() + " FROM JBATCH.JOBINSTANCE i WHERE i.JOBINSTANCEID BETWEEN ? AND ? AND "
                + "i.CREATETIME >= ? AND i.INSTANCESTATE IN (?) AND i.EXITSTATUS LIKE ? ESCAPE '\\' AND "
                + "i.SUBMITTER = ? AND (i.JOBNAME LIKE ? ESCAPE '\\' OR i.JOBNAME = ?) AND "
                + "i.AMCNAME LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM JBATCH.JOBEXECUTION e JOIN JBATCH.JOBPARAMETER p "
                + "ON p.FK_JOBEXECID = e.JOBEXECID WHERE e.FK_JOBINSTANCEID = i.JOBINSTANCEID AND p.NAME = ? AND "
                + "p.VALUE LIKE ? ESCAPE '\\') AND i.SUBMITTER = ? ORDER BY i.SUBMITTER ASC, i.JOBINSTANCEID DESC "
                + "OFFSET ? ROWS FETCH NEXT ? ROWS ONLY", sql.text());
        assertEquals(List.of(5L, 9L, from, 6, "FAIL%", "bob", "chunk%", "sleepy", "batch-rest#%", "kind",
                "a\\_b%", "submitter1", 0L, 50), sql.parameters());
    }

    @Test
    void aCountWithJobParametersStartsFromTheMatchingParameterRows() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(),
                Set.of(InstanceState.COMPLETED), List.of(), List.of(), List.of(), List.of(),
                new java.util.LinkedHashMap<>(Map.of("kind", "a")), false, List.of(), new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = JobInstanceSearchSql.count(search, Optional.of("bob"));

        assertEquals("SELECT COUNT(DISTINCT i.JOBINSTANCEID) FROM JBATCH.JOBPARAMETER p JOIN JBATCH.JOBEXECUTION e "
                + "ON e.JOBEXECID = p.FK_JOBEXECID JOIN JBATCH.JOBINSTANCE i ON i.JOBINSTANCEID = e.FK_JOBINSTANCEID "
                + "WHERE p.NAME = ? AND p.VALUE = ? AND i.INSTANCESTATE IN (?) AND i.SUBMITTER = ?", sql.text());
        assertEquals(List.of("kind", "a", 6, "bob"), sql.parameters());
    }

    @Test
    void sqlMetacharactersStayInsideBoundValues() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of(), List.of(), List.of("x' OR '1'='1"), Map.of(), false, List.of(),
                new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = JobInstanceSearchSql.count(search, Optional.empty());

        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE i.JOBNAME = ?", sql.text());
        assertEquals(List.of("x' OR '1'='1"), sql.parameters());
        assertFalse(sql.text().contains("'1'"));
    }

    @Test
    void ignoreCaseComparesUpperCaseOnBothSides() {
        JobInstanceSearch search = new JobInstanceSearch(Optional.empty(), Optional.empty(), Optional.empty(), Set.of(),
                List.of(), List.of(), List.of(), List.of("Chunk*"), Map.of(), true, List.of(), new PageRequest(0, 50));

        JobInstanceSearchSql.Sql sql = JobInstanceSearchSql.count(search, Optional.empty());

        assertEquals("SELECT COUNT(*) FROM JBATCH.JOBINSTANCE i WHERE UPPER(i.JOBNAME) LIKE ? ESCAPE '\\'", sql.text());
        assertEquals(List.of("CHUNK%"), sql.parameters());
    }

    @Test
    void onlyTheStarIsAWildcard() {
        assertEquals("100\\%\\_done%", JobInstanceSearchSql.likePattern("100%_done*"));
        assertEquals("a\\\\b", JobInstanceSearchSql.likePattern("a\\b"));
    }

    @Test
    void boundsBeyondWhatADatabaseStoresMeanEverythingOrNothing() {
        assertEquals(Instant.parse("1900-01-01T00:00:00Z"), JobInstanceSearchSql.storable(Instant.parse("0001-01-01T00:00:00Z")));
        assertEquals(Instant.parse("9999-01-01T00:00:00Z"), JobInstanceSearchSql.storable(Instant.parse("+10000-01-01T00:00:00Z")));
        Instant ordinary = Instant.parse("2026-11-21T10:00:00Z");
        assertEquals(ordinary, JobInstanceSearchSql.storable(ordinary));
        assertEquals(Timestamp.from(ordinary).toInstant(), ordinary);
    }

    private static String columns() {
        return "i.JOBINSTANCEID, i.JOBNAME, i.AMCNAME, i.SUBMITTER, i.BATCHSTATUS, i.JOBXMLNAME, i.INSTANCESTATE, "
                + "i.EXITSTATUS, i.CREATETIME, i.UPDATETIME, i.NUMEXECS";
    }
}
