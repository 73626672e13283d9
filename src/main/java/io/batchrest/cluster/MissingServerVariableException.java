package io.batchrest.cluster;

/**
 * A required server variable is missing or unusable ({@link RequiredServerVariables}): the deployment problem that
 * stops the application from starting. No stack trace: the message says everything, and a trace would only bury it.
 */
public class MissingServerVariableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MissingServerVariableException(String message) {
        super(message, null, false, false);
    }
}
