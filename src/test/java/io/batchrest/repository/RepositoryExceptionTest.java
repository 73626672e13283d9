package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RepositoryExceptionTest {

    @Test
    void lockTimeoutsDeadlocksAndLostConnectionsAreWorthRepeating() {
        assertTrue(new RepositoryException("x", new SQLTransactionRollbackException("lock", "40XL1")).isTransient());
        assertTrue(new RepositoryException("x", new SQLException("deadlock", "40001")).isTransient());
        assertTrue(new RepositoryException("x", new SQLException("gone", "08006")).isTransient());
        assertTrue(RepositoryException.isTransient(new IllegalStateException("wrapped",
                new RuntimeException(new SQLException("lock", "40XL1")))));
    }

    @Test
    void aTransactionTheServerRolledBackIsWorthRepeatingAlsoWithoutItsSqlState() {
        assertTrue(RepositoryException.isTransient(new IllegalStateException("start refused",
                new RuntimeException(new javax.transaction.xa.XAException("rolled back")))));
    }

    @Test
    void otherDatabaseFaultsAreNot() {
        assertFalse(new RepositoryException("x", new SQLException("syntax", "42X01")).isTransient());
        assertFalse(new RepositoryException("x", new SQLException("no state")).isTransient());
        assertFalse(RepositoryException.isTransient(new IllegalStateException("plain")));
    }

    @Test
    void aValueTheDatabaseRefusedIsNotWorthRepeatingEvenInsideARolledBackTransaction() {
        Exception truncated = new java.sql.SQLDataException("truncation", "22001");
        assertFalse(RepositoryException.isTransient(new IllegalStateException("start refused",
                new RuntimeException("rolled back", new javax.transaction.xa.XAException("rolled back") {
                    {
                        initCause(truncated);
                    }
                }))));
        assertFalse(new RepositoryException("x", new SQLException("duplicate", "23505")).isTransient());
    }
}
