package io.batchrest.runtime;

import io.batchrest.model.Refusal;

import java.util.regex.Pattern;

/**
 * Names that become resource paths or directory names: a jobXMLName ({@code META-INF/batch-jobs/<name>.xml})
 * and a job id (a directory of the job logs). Neither may climb out of its folder.
 */
public final class JobXmlName {

    /** Inline JSL is started under a generated name with this prefix; it is shown to clients as {@code ""}. */
    public static final String INLINE_PREFIX = "batchrest-inline-";

    private static final Pattern UNSAFE = Pattern.compile("[/\\\\\\p{Cntrl}]|\\.\\.");

    private JobXmlName() {
    }

    static void requireSafe(String parameter, String what, String name) {
        if (name == null || name.isEmpty()) {
            throw Refusal.invalidParameter(parameter, "The " + what + " in " + parameter + " is missing.");
        }
        if (UNSAFE.matcher(name).find()) {
            throw Refusal.invalidParameter(parameter, "The " + what + " in " + parameter
                    + " must not contain '/', '\\', '..' or control characters.");
        }
    }

    /** A jobXMLName a client may ask for: safe, and not one of the generated inline names. */
    public static void requirePackagedName(String jobXmlName) {
        requireSafe("jobXMLName", "name", jobXmlName);
        if (jobXmlName.startsWith(INLINE_PREFIX)) {
            throw Refusal.invalidParameter("jobXMLName", "The jobXMLName " + jobXmlName + " is reserved.");
        }
    }

    /** The jobXMLName as the API shows it: {@code ""} for inline JSL. */
    public static String shown(String stored) {
        return stored == null || stored.startsWith(INLINE_PREFIX) ? "" : stored;
    }

    static String resourcePath(String jobXmlName) {
        return "META-INF/batch-jobs/" + jobXmlName + ".xml";
    }
}
