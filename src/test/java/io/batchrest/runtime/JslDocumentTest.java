package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JslDocumentTest {

    private static final String JOB = "<job id=\"inlineJob\" xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"2.0\">"
            + "<step id=\"s\"><batchlet ref=\"b\"/></step></job>";

    @Test
    void aWellFormedJobYieldsItsIdAndItsBytes() {
        JslDocument jsl = JslDocument.parse(JOB, "jobXML");
        assertEquals("inlineJob", jsl.jobId());
        assertEquals(JOB, new String(jsl.bytes(), StandardCharsets.UTF_8));
    }

    @Test
    void anExternalEntityIsNeverResolved() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE job [<!ENTITY secret SYSTEM \"file:///etc/passwd\">]>"
                + "<job id=\"x\">&secret;</job>";
        Refusal refusal = assertThrows(Refusal.class, () -> JslDocument.parse(xxe, "jobXML"));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
        assertTrue(refusal.getMessage().startsWith("The jobXML is not well-formed XML"), refusal::getMessage);
        assertFalse(refusal.getMessage().contains("root:"));
    }

    @Test
    void anyDoctypeIsRefusedEvenWithoutEntities() {
        assertThrows(Refusal.class, () -> JslDocument.parse("<!DOCTYPE job><job id=\"x\"/>", "jsl"));
    }

    @Test
    void malformedXmlIsA400NamingTheParameterAndPosition() {
        Refusal refusal = assertThrows(Refusal.class, () -> JslDocument.parse("<job id=\"x\">", "jsl"));
        assertEquals("jsl", refusal.invalidParameters().get(0).name());
        assertTrue(refusal.getMessage().contains("line 1"), refusal::getMessage);
    }

    @Test
    void theRootElementMustBeJob() {
        Refusal refusal = assertThrows(Refusal.class, () -> JslDocument.parse("<step id=\"x\"/>", "jobXML"));
        assertEquals("The jobXML must have the root element job, not step.", refusal.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../escape", "a/b", "a\\\\b", "..", "tab&#9;id", ""})
    void aJobIdThatCouldLeaveTheJobLogFolderIsRefused(String id) {
        String xml = "<job id=\"" + id + "\"><step id=\"s\"/></job>";
        Refusal refusal = assertThrows(Refusal.class, () -> JslDocument.parse(xml, "jobXML"));
        assertEquals(Refusal.Kind.INVALID, refusal.kind());
    }

    @Test
    void packagedNamesMustBeSafeAndNotLookLikeGeneratedInlineNames() {
        JobXmlName.requirePackagedName("chunkCopy");
        assertThrows(Refusal.class, () -> JobXmlName.requirePackagedName("../../etc/passwd"));
        assertThrows(Refusal.class, () -> JobXmlName.requirePackagedName(JobXmlName.INLINE_PREFIX + "x"));
        assertEquals("", JobXmlName.shown(JobXmlName.INLINE_PREFIX + "1234"));
        assertEquals("", JobXmlName.shown(null));
        assertEquals("chunkCopy", JobXmlName.shown("chunkCopy"));
    }
}
