package io.batchrest.repository;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobParametersBlobTest {

    @Test
    void theParametersLibertyStoresAreReadInNameOrder() throws IOException {
        Properties stored = new Properties();
        stored.setProperty("sleepSeconds", "5");
        stored.setProperty("exitStatus", "DONE");

        assertEquals(Map.of("exitStatus", "DONE", "sleepSeconds", "5"), JobParametersBlob.read(serialize(stored)));
        assertEquals(List.of("exitStatus", "sleepSeconds"), new ArrayList<>(JobParametersBlob.read(serialize(stored)).keySet()));
    }

    @Test
    void aMissingColumnMeansNoParameters() {
        assertTrue(JobParametersBlob.read(null).isEmpty());
        assertTrue(JobParametersBlob.read(new byte[0]).isEmpty());
    }

    @Test
    void anythingButPropertiesIsRefusedBeforeItIsInstantiated() throws IOException {
        byte[] gadget = serialize(new ArrayList<>(List.of(new Marker())));
        RepositoryException refusal = assertThrows(RepositoryException.class, () -> JobParametersBlob.read(gadget));
        assertTrue(refusal.getCause() instanceof java.io.InvalidClassException, () -> String.valueOf(refusal.getCause()));
    }

    private static byte[] serialize(Serializable value) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(value);
        }
        return bytes.toByteArray();
    }

    private static final class Marker implements Serializable {
        private static final long serialVersionUID = 1L;
    }
}
