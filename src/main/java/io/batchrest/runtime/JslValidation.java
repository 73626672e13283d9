package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import jakarta.batch.operations.JobOperator;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import javax.xml.validation.Validator;
import java.io.IOException;
import java.io.StringReader;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Inline JSL is checked as the batch runtime would only find out after it recorded an instance: against the Jakarta
 * Batch JSL schema that the batch API ships ({@code xsd/jobXML_2_0.xsd}; ids unique, elements in place), then with
 * the rules the schema cannot express: at least one step, every step a batchlet or a chunk, every transition to an
 * element of the same job or flow, and no cycle of transitions (docs/api.md, "Inline JSL").
 */
final class JslValidation {

    static final String JAKARTA_NAMESPACE = "https://jakarta.ee/xml/ns/jakartaee";
    /** JSL 1.0 (Java EE), which Liberty's runtime still runs. */
    static final String JAVAEE_NAMESPACE = "http://xmlns.jcp.org/xml/ns/javaee";

    private static final Set<String> EXECUTION_ELEMENTS = Set.of("step", "flow", "split", "decision");
    private static final Schema SCHEMA = loadSchema();

    private JslValidation() {
    }

    static void check(Document document, String xml, String parameter) {
        Element job = document.getDocumentElement();
        String namespace = job.getNamespaceURI();
        if (!JAKARTA_NAMESPACE.equals(namespace) && !JAVAEE_NAMESPACE.equals(namespace)) {
            throw refusal(parameter, "its job element is in " + (namespace == null ? "no namespace"
                    : "the namespace " + namespace) + "; Jakarta Batch JSL is in " + JAKARTA_NAMESPACE + " (or "
                    + JAVAEE_NAMESPACE + " for JSL 1.0)");
        }
        validateAgainstSchema(document, xml, parameter);
        List<Element> steps = descendants(job, "step");
        if (steps.isEmpty()) {
            throw refusal(parameter, "the job " + job.getAttribute("id") + " has no step");
        }
        for (Element step : steps) {
            if (children(step, "batchlet").isEmpty() && children(step, "chunk").isEmpty()) {
                throw refusal(parameter, "the step " + step.getAttribute("id") + " has neither a batchlet nor a "
                        + "chunk");
            }
        }
        checkTransitions(job, parameter);
        for (Element container : descendants(job, "flow")) {
            checkTransitions(container, parameter);
        }
        for (Element split : descendants(job, "split")) {
            for (Element flow : children(split, "flow")) {
                if (!flow.getAttribute("next").isEmpty()) {
                    throw refusal(parameter, "the flow " + flow.getAttribute("id") + " inside the split "
                            + split.getAttribute("id") + " has a next attribute; the flows of a split run side "
                            + "by side");
                }
            }
        }
    }

    private static void validateAgainstSchema(Document document, String xml, String parameter) {
        try {
            Validator validator = SCHEMA.newValidator();
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            validator.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            if (JAKARTA_NAMESPACE.equals(document.getDocumentElement().getNamespaceURI())) {
                validator.validate(new StreamSource(new StringReader(xml)));
            } else {
                validator.validate(new DOMSource(asJakartaJsl(document)));
            }
        } catch (SAXParseException invalid) {
            String where = invalid.getLineNumber() > 0
                    ? " (line " + invalid.getLineNumber() + ", column " + invalid.getColumnNumber() + ")" : "";
            throw Refusal.invalidParameter(parameter, "The " + parameter + " is not valid Jakarta Batch JSL" + where
                    + ": " + invalid.getMessage());
        } catch (SAXException | IOException e) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " could not be checked against the "
                    + "Jakarta Batch JSL schema.");
        }
    }

    /** A JSL 1.0 document as the 2.0 schema reads it: the same elements in the Jakarta namespace, version 2.0. */
    private static Document asJakartaJsl(Document document) {
        Document copy = (Document) document.cloneNode(true);
        renameTree(copy, copy.getDocumentElement());
        copy.getDocumentElement().setAttribute("version", "2.0");
        return copy;
    }

    private static void renameTree(Document document, Node node) {
        if (node instanceof Element element && JAVAEE_NAMESPACE.equals(element.getNamespaceURI())) {
            Node renamed = document.renameNode(element, JAKARTA_NAMESPACE, element.getLocalName());
            node = renamed;
        }
        for (Node child = node.getFirstChild(); child != null; child = child.getNextSibling()) {
            renameTree(document, child);
        }
    }

    /**
     * Every transition of {@code container}'s elements ({@code next} attribute, {@code next to}, {@code stop
     * restart}) names one of its elements, and following the transitions never comes back to an element.
     */
    private static void checkTransitions(Element container, String parameter) {
        Map<String, Element> elements = new LinkedHashMap<>();
        for (Node child = container.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && EXECUTION_ELEMENTS.contains(element.getLocalName())) {
                elements.put(element.getAttribute("id"), element);
            }
        }
        Map<String, List<String>> next = new LinkedHashMap<>();
        for (Element element : elements.values()) {
            List<String> targets = new ArrayList<>();
            String attribute = element.getAttribute("next");
            if (!attribute.isEmpty()) {
                targets.add(attribute);
            }
            children(element, "next").forEach(transition -> targets.add(transition.getAttribute("to")));
            for (String target : targets) {
                requireSibling(elements, element, target, "next", container, parameter);
            }
            for (Element stop : children(element, "stop")) {
                if (stop.hasAttribute("restart")) {
                    requireSibling(elements, element, stop.getAttribute("restart"), "restart", container, parameter);
                }
            }
            next.put(element.getAttribute("id"), targets);
        }
        Set<String> done = new HashSet<>();
        for (String start : elements.keySet()) {
            List<String> cycle = cycleFrom(start, next, new ArrayList<>(), done);
            if (!cycle.isEmpty()) {
                throw refusal(parameter, "its transitions form a cycle: " + String.join(" -> ", cycle));
            }
        }
    }

    private static void requireSibling(Map<String, Element> elements, Element from, String target, String kind,
            Element container, String parameter) {
        if (!elements.containsKey(target)) {
            throw refusal(parameter, "the " + from.getLocalName() + " " + from.getAttribute("id") + " names " + kind
                    + " " + target + ", which is no step, flow, split or decision of the " + container.getLocalName()
                    + " " + container.getAttribute("id"));
        }
    }

    /** A path that returns to an element on it, or empty; {@code done} holds elements known to lead to no cycle. */
    private static List<String> cycleFrom(String id, Map<String, List<String>> next, List<String> path,
            Set<String> done) {
        int seen = path.indexOf(id);
        if (seen >= 0) {
            List<String> cycle = new ArrayList<>(path.subList(seen, path.size()));
            cycle.add(id);
            return cycle;
        }
        if (done.contains(id)) {
            return List.of();
        }
        path.add(id);
        for (String target : next.getOrDefault(id, List.of())) {
            List<String> cycle = cycleFrom(target, next, path, done);
            if (!cycle.isEmpty()) {
                return cycle;
            }
        }
        path.remove(path.size() - 1);
        done.add(id);
        return List.of();
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && localName.equals(element.getLocalName())) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<Element> descendants(Element root, String localName) {
        List<Element> found = new ArrayList<>();
        var list = root.getElementsByTagNameNS(root.getNamespaceURI(), localName);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }

    private static Refusal refusal(String parameter, String why) {
        return Refusal.invalidParameter(parameter, "The " + parameter + " is not valid Jakarta Batch JSL: " + why
                + ".");
    }

    private static Schema loadSchema() {
        URL schema = JobOperator.class.getResource("/xsd/jobXML_2_0.xsd");
        if (schema == null) {
            throw new IllegalStateException("The Jakarta Batch API does not ship xsd/jobXML_2_0.xsd");
        }
        try {
            SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            return factory.newSchema(schema);
        } catch (SAXException e) {
            throw new IllegalStateException("The Jakarta Batch JSL schema cannot be read", e);
        }
    }
}
