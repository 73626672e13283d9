package io.batchrest.cli;

import jakarta.json.JsonObject;

/**
 * {@code --stopOnShutdown}: a JVM shutdown hook, registered while the client waits for a job, that sends a stop
 * request for the job when the client is terminated (Ctrl-C, SIGTERM). JVM shutdown hooks do not run when the
 * process is killed with SIGKILL.
 */
final class StopOnShutdown extends Thread {

    private final BatchRestClient client;
    private final Output output;
    private final JsonObject instance;
    private boolean registered;

    private StopOnShutdown(BatchRestClient client, Output output, JsonObject instance) {
        super("batchManager-stopOnShutdown");
        this.client = client;
        this.output = output;
        this.instance = instance;
    }

    static StopOnShutdown register(BatchRestClient client, Output output, JsonObject instance) {
        StopOnShutdown hook = new StopOnShutdown(client, output, instance);
        Runtime.getRuntime().addShutdownHook(hook);
        hook.registered = true;
        return hook;
    }

    /** Once the job has ended there is nothing to stop. */
    void unregister() {
        if (registered) {
            registered = false;
            try {
                Runtime.getRuntime().removeShutdownHook(this);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs (or ran) anyway; a stop of an ended job is refused by the server and reported
            }
        }
    }

    @Override
    public void run() {
        String jobName = BatchCommand.jobName(instance);
        long instanceId = BatchCommand.instanceId(instance);
        output.info(Messages.SHUTDOWN_HOOK, jobName, instanceId);
        try {
            client.stopInstance(instanceId);
            output.info(Messages.JOB_STOP_SUBMITTED, jobName, instanceId);
        } catch (CliException e) {
            output.err().println(Output.timestamp() + " " + Messages.format(Messages.ERROR, e.getMessage()));
            output.err().flush();
        }
    }
}
