package io.batchrest.runtime;

import io.batchrest.model.Refusal;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.logging.Logger;

/**
 * Inline JSL sent by a client, checked before anything is started: well-formed, with no DTD and no external
 * entities (an inline document is untrusted input), a root element {@code job}, a job id that can safely
 * become a directory name of the job logs, and valid Jakarta Batch JSL ({@link JslValidation}).
 */
public record JslDocument(String jobId, byte[] bytes) {

    private static final Logger LOG = Logger.getLogger(JslDocument.class.getName());

    /** Parses inline JSL; any problem is a 400 naming {@code parameter} (jobXML or the jsl part). */
    public static JslDocument parse(String xml, String parameter) {
        if (xml == null || xml.isBlank()) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " is empty: it must hold a JSL document.");
        }
        Document document;
        try {
            document = secureParse(new InputSource(new StringReader(xml)));
        } catch (SAXParseException e) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " is not well-formed XML (line "
                    + e.getLineNumber() + ", column " + e.getColumnNumber() + "): " + e.getMessage());
        } catch (SAXException | IOException e) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " could not be parsed as XML.");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The XML parser cannot be configured securely", e);
        }
        Element root = document.getDocumentElement();
        String rootName = root.getLocalName() != null ? root.getLocalName() : root.getTagName();
        if (!"job".equals(rootName)) {
            throw Refusal.invalidParameter(parameter, "The " + parameter + " must have the root element job, not "
                    + rootName + ".");
        }
        String jobId = root.getAttribute("id");
        JobXmlName.requireSafe(parameter, "job id", jobId);
        try {
            JslValidation.check(document, xml, parameter);
        } catch (Refusal invalid) {
            // Logged like the runtime's own refusals, so that an operator can tell a client why its job did not run.
            LOG.info("The inline JSL of job " + jobId + " was refused: " + invalid.getMessage());
            throw invalid;
        }
        return new JslDocument(jobId, xml.getBytes(StandardCharsets.UTF_8));
    }

    /** The number of steps in a JSL document (in flows and splits too); 0 if it cannot be read. */
    public static int stepCount(byte[] jsl) {
        try {
            Document document = secureParse(new InputSource(new java.io.ByteArrayInputStream(jsl)));
            return document.getElementsByTagNameNS("*", "step").getLength();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            return 0;
        }
    }

    /** Parses XML with DTDs, external entities and XInclude disabled: inline JSL is untrusted input. */
    static Document secureParse(InputSource source) throws SAXException, IOException, ParserConfigurationException {
        DocumentBuilder builder = secureFactory().newDocumentBuilder();
        builder.setErrorHandler(SILENT);
        return builder.parse(source);
    }

    private static DocumentBuilderFactory secureFactory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory;
    }

    /** Errors become exceptions, never lines on standard error. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
