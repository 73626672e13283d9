package io.batchrest.runtime;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobDefinitionTest {

    private static Optional<JobDefinition> read(String xml) {
        return JobDefinition.read("file", xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsTheJobIdAndEveryParameterReferenceWithItsDefaultInDocumentOrder() {
        JobDefinition definition = read("""
                <job id="copy" xmlns="https://jakarta.ee/xml/ns/jakartaee" version="2.0">
                  <step id="s" next="#{jobParameters['nextStep']}">
                    <chunk item-count="#{jobParameters['chunkSize']}?:10;">
                      <reader ref="r"><properties>
                        <property name="a" value="#{jobParameters['items']}?:100;"/>
                        <property name="b" value="#{jobParameters[&quot;quoted&quot;]}"/>
                        <property name="c" value="#{jobParameters['chunkSize']}?:20;"/>
                        <property name="d" value="x-#{jobParameters['prefix']}?:p;-#{jobParameters['suffix']}?:;"/>
                        <property name="e" value="#{jobProperties['notAParameter']}"/>
                        <property name="f" value="#{jobParameters['nextStep']}?:late;"/>
                      </properties></reader>
                      <writer ref="w"/>
                    </chunk>
                  </step>
                </job>""").orElseThrow();
        assertEquals("file", definition.jobXmlName());
        assertEquals("copy", definition.jobName());
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("nextStep", "late");
        expected.put("chunkSize", "10");
        expected.put("items", "100");
        expected.put("quoted", "");
        expected.put("prefix", "p");
        expected.put("suffix", "");
        assertEquals(expected, definition.parameters());
        assertEquals(List.copyOf(expected.keySet()), List.copyOf(definition.parameters().keySet()));
    }

    @Test
    void aJobWithoutParametersHasNone() {
        assertEquals(Map.of(), read("<job id=\"j\"><step id=\"s\"><batchlet ref=\"b\"/></step></job>")
                .orElseThrow().parameters());
    }

    @Test
    void aDocumentThatIsNotJslIsNoDefinition() {
        assertTrue(read("<notAJob id=\"x\"/>").isEmpty());
        assertTrue(read("<job id=\"x\">").isEmpty());
        assertTrue(read("<!DOCTYPE job [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><job id=\"&e;\"/>").isEmpty(),
                "no DTD, no external entity");
    }

    @Test
    void recognisesTheJslPathsOfTheBatchJobsFolderOnly() {
        assertEquals(Optional.of("chunkCopy"), PackagedJobs.jobXmlName("/WEB-INF/classes/META-INF/batch-jobs/chunkCopy.xml"));
        assertEquals(Optional.of("jarJob"), PackagedJobs.jobXmlName("META-INF/batch-jobs/jarJob.xml"));
        assertEquals(Optional.empty(), PackagedJobs.jobXmlName("META-INF/batch-jobs/sub/deeper.xml"));
        assertEquals(Optional.empty(), PackagedJobs.jobXmlName("META-INF/batch-jobs/readme.txt"));
        assertEquals(Optional.empty(), PackagedJobs.jobXmlName("META-INF/batch.xml"));
        assertEquals(Optional.empty(), PackagedJobs.jobXmlName("META-INF/batch-jobs/"
                + JobXmlName.INLINE_PREFIX + "x.xml"));
    }
}
