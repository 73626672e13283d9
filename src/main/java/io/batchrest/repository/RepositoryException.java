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
     * SQL states of class 40 (transaction rollback: deadlock, lock timeout) and 08 (connection), or a transient
     * exception, anywhere in the cause chain.
     */
    public static boolean isTransient(Throwable fault) {
        for (Throwable cause = fault; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.sql.SQLTransientException || cause instanceof java.sql.SQLRecoverableException) {
                return true;
            }
            if (cause instanceof java.sql.SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("40") || sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }
}
