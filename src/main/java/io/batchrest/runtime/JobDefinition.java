package io.batchrest.runtime;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A packaged job as a client needs it to submit one: the jobXMLName to send, the job name the JSL gives it, and
 * the job parameters its JSL refers to, each with the default the JSL writes for it ({@code ""} when none), in
 * the order they first appear.
 */
public record JobDefinition(String jobXmlName, String jobName, Map<String, String> parameters) {

    /** {@code #{jobParameters['name']}}, optionally followed by a default {@code ?:value;} (JSR 352 §8.8.1). */
    private static final Pattern PARAMETER = Pattern.compile(
            "#\\{jobParameters\\[(['\"])(.+?)\\1]}(?:\\?:([^;]*);)?");

    public JobDefinition {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Reads packaged JSL (parsed like inline JSL: no DTD, no external entities); empty if it is not JSL. */
    public static Optional<JobDefinition> read(String jobXmlName, byte[] jsl) {
        Document document;
        try {
            document = JslDocument.secureParse(new InputSource(new ByteArrayInputStream(jsl)));
        } catch (SAXException | IOException e) {
            return Optional.empty();
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
        Element root = document.getDocumentElement();
        String rootName = root.getLocalName() != null ? root.getLocalName() : root.getTagName();
        if (!"job".equals(rootName)) {
            return Optional.empty();
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        collectParameters(root, parameters);
        return Optional.of(new JobDefinition(jobXmlName, root.getAttribute("id"), parameters));
    }

    /** Every attribute of every element, in document order: that is where JSL writes its substitutions. */
    private static void collectParameters(Element element, Map<String, String> parameters) {
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Matcher reference = PARAMETER.matcher(attributes.item(i).getNodeValue());
            while (reference.find()) {
                String defaultValue = reference.group(3) == null ? "" : reference.group(3);
                parameters.merge(reference.group(2), defaultValue, (first, later) -> first.isEmpty() ? later : first);
            }
        }
        NodeList children = element.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            if (children.item(i).getNodeType() == Node.ELEMENT_NODE) {
                collectParameters((Element) children.item(i), parameters);
            }
        }
    }
}
