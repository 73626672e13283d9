package io.batchrest.repository;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.util.Properties;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Reads the JOBPARAMETERS column, where Liberty stores an execution's parameters as a serialized
 * {@link Properties}. Only that shape is accepted: anything else in the stream is refused before it is
 * instantiated, so a tampered row cannot run code in the server.
 */
final class JobParametersBlob {

    private static final ObjectInputFilter ONLY_PROPERTIES = ObjectInputFilter.Config.createFilter(
            "java.util.Properties;java.util.Hashtable;java.util.Map$Entry;java.lang.String;maxdepth=4;maxrefs=100000;!*");

    private JobParametersBlob() {
    }

    /** The parameters in name order; an empty map for a null column. */
    static SortedMap<String, String> read(byte[] blob) {
        SortedMap<String, String> parameters = new TreeMap<>();
        if (blob == null || blob.length == 0) {
            return parameters;
        }
        try (InputStream bytes = new ByteArrayInputStream(blob);
             ObjectInputStream in = new ObjectInputStream(bytes)) {
            in.setObjectInputFilter(ONLY_PROPERTIES);
            Object value = in.readObject();
            if (value instanceof Properties properties) {
                properties.stringPropertyNames().forEach(name -> parameters.put(name, properties.getProperty(name)));
                return parameters;
            }
            throw new IOException("JOBPARAMETERS does not hold a java.util.Properties");
        } catch (IOException | ClassNotFoundException e) {
            throw new RepositoryException("The job parameters of an execution could not be read", e);
        }
    }
}
