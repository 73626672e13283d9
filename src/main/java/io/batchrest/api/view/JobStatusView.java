package io.batchrest.api.view;

import io.batchrest.api.json.JsonRepresentation;
import io.batchrest.status.JobStatus;
import jakarta.json.stream.JsonGenerator;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import java.io.StringWriter;

import static io.batchrest.api.json.JsonOutput.date;

/** The status of an instance as JSON, as XML and as the plain status word (docs/contract.md §11). */
public record JobStatusView(JobStatus status) implements JsonRepresentation {

    @Override
    public void writeTo(JsonGenerator json) {
        JobStatus.Progress progress = status.progress();
        json.writeStartObject();
        json.write("Id", status.id());
        json.write("Status", status.status().number());
        json.write("Identity", status.identity());
        json.write("WorkerId", status.workerId());
        json.write("StatusMessage", status.statusMessage());
        json.write("Created", date(status.created()));
        json.write("Updated", date(status.updated()));
        json.write("Completed", date(status.completed()));
        json.writeStartObject("Progress");
        json.write("StepsCompleted", progress.stepsCompleted());
        json.write("StepsTotal", progress.stepsTotal());
        json.write("ItemsRead", progress.itemsRead());
        json.write("ItemsWritten", progress.itemsWritten());
        json.write("ItemsFiltered", progress.itemsFiltered());
        json.write("ItemsSkipped", progress.itemsSkipped());
        json.writeEnd();
        json.write("Parameters", status.parameters());
        json.writeEnd();
    }

    /** {@code <JobStatus Status="Completed">} with the same fields as elements, in the same order. */
    public String toXml() {
        StringWriter text = new StringWriter();
        try {
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(text);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeStartElement("JobStatus");
            xml.writeAttribute("Status", status.status().name());
            element(xml, "Id", Long.toString(status.id()));
            element(xml, "Identity", status.identity());
            element(xml, "WorkerId", status.workerId());
            element(xml, "StatusMessage", status.statusMessage());
            element(xml, "Created", date(status.created()));
            element(xml, "Updated", date(status.updated()));
            element(xml, "Completed", date(status.completed()));
            JobStatus.Progress progress = status.progress();
            xml.writeStartElement("Progress");
            element(xml, "StepsCompleted", Integer.toString(progress.stepsCompleted()));
            element(xml, "StepsTotal", Integer.toString(progress.stepsTotal()));
            element(xml, "ItemsRead", Long.toString(progress.itemsRead()));
            element(xml, "ItemsWritten", Long.toString(progress.itemsWritten()));
            element(xml, "ItemsFiltered", Long.toString(progress.itemsFiltered()));
            element(xml, "ItemsSkipped", Long.toString(progress.itemsSkipped()));
            xml.writeEndElement();
            element(xml, "Parameters", status.parameters());
            xml.writeEndElement();
            xml.writeEndDocument();
            xml.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("The status of job instance " + status.id() + " cannot be written", e);
        }
        return text.toString();
    }

    /** The plain status: the status word alone. */
    public String toText() {
        return status.status().name() + "\n";
    }

    private static void element(XMLStreamWriter xml, String name, String value) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
