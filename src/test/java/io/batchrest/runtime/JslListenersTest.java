package io.batchrest.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JslListenersTest {

    private static final String NS = "https://jakarta.ee/xml/ns/jakartaee";

    @Test
    void everyStepGetsTheStepListenerWithWhatSetsItsPlaceApartAndTheJobGetsTheJobListener() throws Exception {
        String jsl = "<job id=\"j\" xmlns=\"" + NS + "\" version=\"2.0\"><properties><property name=\"a\" value=\"b\"/>"
                + "</properties><split id=\"s1\" next=\"last\"><flow id=\"f1\"><step id=\"x\"><batchlet ref=\"b\"/></step>"
                + "</flow></split><step id=\"plain\" next=\"last\"><batchlet ref=\"b\"/></step><step id=\"last\"><listeners><listener ref=\"mine\"/></listeners><batchlet ref=\"b\"/>"
                + "<partition><plan partitions=\"2\"/></partition></step></job>";

        String rewritten = new String(JslListeners.addTo(jsl.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);

        assertTrue(rewritten.contains("</properties><listeners><listener ref=\"batchRestExecutionListener\"/></listeners>"
                + "<split"), rewritten);
        assertTrue(rewritten.contains("<step id=\"x\"><listeners><listener ref=\"batchRestStepLogListener\"><properties>"
                + "<property name=\"split\" value=\"s1\"/><property name=\"flow\" value=\"f1\"/>"
                + "</properties></listener></listeners><batchlet"), rewritten);
        // A plain step gets the listener alone: no element the runtime would parse for nothing.
        assertTrue(rewritten.contains("<step id=\"plain\" next=\"last\"><listeners>"
                + "<listener ref=\"batchRestStepLogListener\"/></listeners><batchlet"), rewritten);
        assertTrue(rewritten.contains("<listeners><listener ref=\"mine\"/><listener ref=\"batchRestStepLogListener\">"
                + "<properties><property name=\"partitioned\" value=\"true\"/></properties></listener></listeners>"),
                rewritten);
        assertEquals("j", JslDocument.parse(rewritten, "jobXML").jobId());
    }
}
