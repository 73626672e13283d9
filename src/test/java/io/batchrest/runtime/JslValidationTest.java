package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Inline JSL against the Jakarta Batch schema and the rules the schema cannot express. */
class JslValidationTest {

    private static final String JAKARTA = "xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\"";
    private static final String BATCHLET = "<batchlet ref=\"b\"/>";

    private static String job(String content) {
        return "<job id=\"j\" " + JAKARTA + ">" + content + "</job>";
    }

    private static String refusal(String xml) {
        Refusal refusal = assertThrows(Refusal.class, () -> JslDocument.parse(xml, "jobXML"));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertEquals("jobXML", refusal.invalidParameters().get(0).name());
        return refusal.getMessage();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "<step id=\"a\" next=\"b\"><batchlet ref=\"b\"/></step><step id=\"b\"><chunk><reader ref=\"r\"/>"
            + "<writer ref=\"w\"/></chunk></step>",
        "<flow id=\"f\" next=\"s\"><step id=\"a\" next=\"b\"><batchlet ref=\"b\"/></step><step id=\"b\">"
            + "<batchlet ref=\"b\"/></step></flow><step id=\"s\"><batchlet ref=\"b\"/></step>",
        "<split id=\"sp\"><flow id=\"f1\"><step id=\"a\"><batchlet ref=\"b\"/></step></flow><flow id=\"f2\">"
            + "<step id=\"b\"><batchlet ref=\"b\"/></step></flow></split>",
        "<step id=\"a\" next=\"d\"><batchlet ref=\"b\"/></step><decision id=\"d\" ref=\"x\"><next on=\"again\" "
            + "to=\"c\"/><end on=\"*\"/></decision><step id=\"c\"><batchlet ref=\"b\"/><stop on=\"X\" restart=\"a\"/>"
            + "</step>"})
    void validJslIsAccepted(String content) {
        assertEquals("j", JslDocument.parse(job(content), "jobXML").jobId());
    }

    @Test
    void jsl10InTheJavaEeNamespaceIsAcceptedAndCheckedTheSameWay() {
        String javaee = "xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\" version=\"1.0\"";
        assertEquals("old", JslDocument.parse("<job id=\"old\" " + javaee + "><step id=\"s\">" + BATCHLET
                + "</step></job>", "jobXML").jobId());
        assertTrue(refusal("<job id=\"old\" " + javaee + "><step id=\"s\"><bogus/></step></job>")
                .startsWith("The jobXML is not valid Jakarta Batch JSL: cvc-complex-type.2.4.a"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "<job id='j' version='2.0'><step id='s'><batchlet ref='b'/></step></job>"
            + "| its job element is in no namespace; Jakarta Batch JSL is in https://jakarta.ee/xml/ns/jakartaee (or "
            + "http://xmlns.jcp.org/xml/ns/javaee for JSL 1.0).",
        "<job id='j' xmlns='urn:other' version='2.0'><step id='s'><batchlet ref='b'/></step></job>"
            + "| its job element is in the namespace urn:other; Jakarta Batch JSL is in "
            + "https://jakarta.ee/xml/ns/jakartaee (or http://xmlns.jcp.org/xml/ns/javaee for JSL 1.0)."})
    void aJobInAnotherNamespaceIsRefused(String xml, String why) {
        assertEquals("The jobXML is not valid Jakarta Batch JSL: " + why, refusal(xml));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "| the job j has no step.",
        "<step id='s'/>| the step s has neither a batchlet nor a chunk.",
        "<flow id='f'><step id='s'><properties/></step></flow>| the step s has neither a batchlet nor a chunk.",
        "<step id='a' next='zz'><batchlet ref='b'/></step>| the step a names next zz, which is no step, flow, split "
            + "or decision of the job j.",
        "<step id='a'><batchlet ref='b'/><next on='*' to='zz'/></step>| the step a names next zz, which is no step, "
            + "flow, split or decision of the job j.",
        "<step id='a'><batchlet ref='b'/><stop on='*' restart='zz'/></step>| the step a names restart zz, which is "
            + "no step, flow, split or decision of the job j.",
        "<flow id='f'><step id='a' next='s'><batchlet ref='b'/></step></flow><step id='s'><batchlet ref='b'/></step>"
            + "| the step a names next s, which is no step, flow, split or decision of the flow f.",
        "<step id='a' next='a'><batchlet ref='b'/></step>| its transitions form a cycle: a -> a.",
        "<step id='a' next='b'><batchlet ref='b'/></step><step id='b' next='c'><batchlet ref='b'/></step>"
            + "<step id='c'><batchlet ref='b'/><next on='*' to='b'/></step>| its transitions form a cycle: b -> c -> b.",
        "<split id='sp'><flow id='f1' next='f2'><step id='a'><batchlet ref='b'/></step></flow><flow id='f2'><step "
            + "id='b'><batchlet ref='b'/></step></flow></split>| the flow f1 inside the split sp has a next attribute; "
            + "the flows of a split run side by side."})
    void ruleViolationsAreRefusedNamingTheElement(String content, String why) {
        assertEquals("The jobXML is not valid Jakarta Batch JSL: " + why, refusal(job(content == null ? "" : content)));
    }

    @Test
    void schemaViolationsNameTheLineAndTheElement() {
        String duplicate = refusal(job("\n<step id=\"s\">" + BATCHLET + "</step>\n<step id=\"s\">" + BATCHLET
                + "</step>"));
        assertTrue(duplicate.startsWith("The jobXML is not valid Jakarta Batch JSL (line 3, column ")
                && duplicate.contains("'s'"), duplicate);
        String unknown = refusal(job("<step id=\"s\">" + BATCHLET + "</step><bogus/>"));
        assertTrue(unknown.contains("bogus"), unknown);
        String missingVersion = refusal("<job id=\"j\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"><step id=\"s\">"
                + BATCHLET + "</step></job>");
        assertTrue(missingVersion.contains("version"), missingVersion);
    }
}
