package io.batchrest.security;

/** The batch roles of SPEC §9, as named in server.xml and web.xml. */
public enum BatchRole {
    batchAdmin, batchSubmitter, batchMonitor
}
