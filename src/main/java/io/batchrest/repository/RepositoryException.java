package io.batchrest.repository;

/** The job repository could not be read or written (a database fault, not a bad request). */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }

    /** A fault that repeating the request may get past: a lock timeout, a deadlock, a lost connection. */
    public boolean isTransient() {
        return isTransient(getCause());
    }

    /**
     * A fault of the database's availability anywhere in the cause chain: SQL states of class 40 (transaction
     * rollback: deadlock, lock timeout), 08 (connection), 53 (insufficient resources) and 57P (PostgreSQL shutting
     * down or starting), a transient or connection exception, a network failure under the driver, or a connection
     * pool that cannot connect.
     */
    public static boolean isTransient(Throwable fault) {
        if (isDataFault(fault)) {
            return false;
        }
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientException || cause instanceof java.sql.SQLRecoverableException
                    || cause instanceof java.sql.SQLNonTransientConnectionException
                    || cause instanceof java.net.SocketException || cause instanceof java.io.EOFException
                    || isConnectionPoolFault(cause) || isRolledBackTransaction(cause)) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null) {
                String state = sql.getSQLState();
                if (state.startsWith("40") || state.startsWith("08") || state.startsWith("53")
                        || state.startsWith("57P")) {
                    return true;
                }
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    /**
     * A value the database refused (SQL state class 22, data exception, such as a text longer than its column; or 23,
     * integrity constraint): repeating the same request fails the same way, even where the refusal surfaces as a
     * rolled-back transaction.
     */
    private static boolean isDataFault(Throwable fault) {
        for (Throwable cause = fault; cause != null && cause.getCause() != cause; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("22") || sql.getSQLState().startsWith("23"))) {
                return true;
            }
        }
        return false;
    }

    /**
     * A transaction the server rolled back (the batch runtime's own, when the database timed out one of its lock
     * waits): by name, since the runtime wraps it without the SQL state. Repeating the request may succeed.
     */
    private static boolean isRolledBackTransaction(Throwable cause) {
        String name = cause.getClass().getName();
        return name.equals("jakarta.transaction.RollbackException") || name.equals("javax.transaction.xa.XAException");
    }

    /**
     * The application server's connection pool could not get a connection to the database. By name: the connector
     * API is the server's, not visible to this application.
     */
    private static boolean isConnectionPoolFault(Throwable cause) {
        for (Class<?> type = cause.getClass(); type != null; type = type.getSuperclass()) {
            if (type.getName().equals("jakarta.resource.ResourceException")) {
                return true;
            }
        }
        return false;
    }
}
