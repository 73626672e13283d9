package io.batchrest.runtime;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.Transformer;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.ArrayList;

/**
 * Adds this product's listeners to a job's JSL before it is started: the {@link ExecutionListener} to the job, and
 * to every step the job-log step listener with the step's place in the job (its split and flow, whether it is
 * partitioned). The batch runtime stores the JSL it started, so restarts of the job keep them.
 */
final class JslListeners {

    private JslListeners() {
    }

    static byte[] addTo(byte[] jsl) throws IOException, SAXException {
        try {
            Document document = JslDocument.secureParse(new InputSource(new ByteArrayInputStream(jsl)));
            Element job = document.getDocumentElement();
            addListener(job, ExecutionListener.REF, Map.of());
            String namespace = job.getNamespaceURI();
            for (Element step : descendants(job, namespace, "step")) {
                // Only what differs from a plain step: the runtime parses, and serializes again, every element of
                // the JSL for each execution, so each element costs every job (docs/benchmarks.md,
                // "Submissions, the chart's aggregate from its index, and retention again").
                Map<String, String> place = new LinkedHashMap<>();
                Node parent = step.getParentNode();
                Node grandParent = parent == null ? null : parent.getParentNode();
                if (isElement(parent, "flow") && isElement(grandParent, "split")) {
                    place.put("split", ((Element) grandParent).getAttribute("id"));
                    place.put("flow", ((Element) parent).getAttribute("id"));
                }
                if (!descendants(step, namespace, "partition").isEmpty()) {
                    place.put("partitioned", "true");
                }
                addListener(step, StepProgressListener.REF, place);
            }
            return serialize(document);
        } catch (ParserConfigurationException | TransformerException e) {
            throw new IllegalStateException("The XML tools of the server cannot be configured securely", e);
        }
    }

    /** Appends a listener to the owner's {@code listeners}, creating that after {@code properties} if needed. */
    private static void addListener(Element owner, String ref, Map<String, String> properties) {
        Document document = owner.getOwnerDocument();
        String namespace = owner.getNamespaceURI();
        Element listeners = firstChild(owner, "listeners");
        if (listeners == null) {
            listeners = document.createElementNS(namespace, "listeners");
            Element ownProperties = firstChild(owner, "properties");
            Node before = ownProperties != null ? nextElement(ownProperties) : firstElement(owner);
            owner.insertBefore(listeners, before);
        }
        Element listener = document.createElementNS(namespace, "listener");
        listener.setAttribute("ref", ref);
        if (!properties.isEmpty()) {
            Element listenerProperties = document.createElementNS(namespace, "properties");
            properties.forEach((name, value) -> {
                Element property = document.createElementNS(namespace, "property");
                property.setAttribute("name", name);
                property.setAttribute("value", value);
                listenerProperties.appendChild(property);
            });
            listener.appendChild(listenerProperties);
        }
        listeners.appendChild(listener);
    }

    private static List<Element> descendants(Element root, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        org.w3c.dom.NodeList nodes = root.getElementsByTagNameNS(namespace == null ? "*" : namespace, localName);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    private static boolean isElement(Node node, String localName) {
        return node instanceof Element element && localName.equals(element.getLocalName());
    }

    private static Element firstChild(Element owner, String localName) {
        for (Node child = owner.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (isElement(child, localName)) {
                return (Element) child;
            }
        }
        return null;
    }

    private static Element firstElement(Element owner) {
        for (Node child = owner.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element) {
                return element;
            }
        }
        return null;
    }

    private static Node nextElement(Element element) {
        for (Node next = element.getNextSibling(); next != null; next = next.getNextSibling()) {
            if (next instanceof Element) {
                return next;
            }
        }
        return null;
    }

    private static byte[] serialize(Document document) throws TransformerException {
        TransformerFactory factory = TransformerFactory.newInstance();
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_STYLESHEET, "");
        Transformer transformer = factory.newTransformer();
        transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        transformer.transform(new DOMSource(document), new StreamResult(out));
        return out.toByteArray();
    }
}
