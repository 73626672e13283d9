package io.batchrest.repository;

/** The job repository could not be read or written (a database fault, not a bad request). */
public class RepositoryException extends RuntimeException {

    public RepositoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
