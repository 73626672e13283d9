package io.batchrest.joblog;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import java.math.BigInteger;

/**
 * The job log files on this server's disk: listing, streaming as text or zip, deleting. Only directories below the
 * configured job-log root are ever touched, whatever an execution's recorded LOGPATH says, and a part is only
 * served if it is in its execution's own listing: a client's path is never resolved on disk.
 */
@ApplicationScoped
public class JobLogFiles {

    private static final Pattern PART = Pattern.compile("part\\.(\\d+)\\.log");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final int BUFFER = 64 * 1024;

    @Inject
    JobLogSettings settings;

    /** An execution's log directory on this server, if LOGPATH names one below the job-log root. */
    public Optional<Path> directory(String logPath) {
        if (logPath == null || logPath.isEmpty()) {
            return Optional.empty();
        }
        Path root = settings.root();
        Path directory;
        try {
            directory = Path.of(logPath).toAbsolutePath().normalize();
        } catch (RuntimeException invalidPath) {
            return Optional.empty();
        }
        return directory.startsWith(root) && !directory.equals(root) && Files.isDirectory(directory)
                ? Optional.of(directory) : Optional.empty();
    }

    /**
     * The log files of an execution directory, relative with {@code /}: in each directory its part files by number,
     * then its sub-directories (numeric names numerically).
     */
    public List<String> parts(Path directory) {
        List<String> parts = new ArrayList<>();
        try {
            collect(directory, "", parts);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot list the job log directory " + directory, e);
        }
        return parts;
    }

    private static void collect(Path directory, String prefix, List<String> parts) throws IOException {
        List<Path> files = new ArrayList<>();
        List<Path> directories = new ArrayList<>();
        try (Stream<Path> children = Files.list(directory)) {
            children.forEach(child -> {
                if (Files.isDirectory(child)) {
                    directories.add(child);
                } else if (PART.matcher(child.getFileName().toString()).matches()) {
                    files.add(child);
                }
            });
        }
        files.sort(Comparator.comparingLong(file -> partNumber(file.getFileName().toString())));
        directories.sort(JobLogFiles::byNumericThenName);
        for (Path file : files) {
            parts.add(prefix + file.getFileName());
        }
        for (Path sub : directories) {
            collect(sub, prefix + sub.getFileName() + "/", parts);
        }
    }

    private static long partNumber(String name) {
        Matcher matcher = PART.matcher(name);
        return matcher.matches() ? Long.parseLong(matcher.group(1)) : Long.MAX_VALUE;
    }

    private static int byNumericThenName(Path a, Path b) {
        String x = a.getFileName().toString();
        String y = b.getFileName().toString();
        boolean xNumber = NUMBER.matcher(x).matches();
        boolean yNumber = NUMBER.matcher(y).matches();
        if (xNumber && yNumber) {
            return new BigInteger(x).compareTo(new BigInteger(y));
        }
        return xNumber != yNumber ? (xNumber ? -1 : 1) : x.compareTo(y);
    }

    /** Liberty's text form: every file between Begin and End banners naming it. Streams; memory stays flat. */
    public void writeText(List<LogSection> sections, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        for (LogSection section : sections) {
            for (String part : section.parts()) {
                String name = section.prefix() + part;
                out.write(beginBanner(name));
                copy(section.source(), part, out, buffer);
                out.write(endBanner(name));
            }
        }
        out.flush();
    }

    /**
     * Follows an execution's log as the text form, with {@code prefix} before each file's relative path: see
     * {@link JobLogFollower}.
     */
    public JobLogFollower follower(String prefix, java.util.function.Supplier<JobLogFollower.Progress> progress) {
        return new JobLogFollower(this, prefix, progress);
    }

    /** The line before a file's bytes in the text form. */
    static byte[] beginBanner(String name) {
        return ("xxxxx Begin file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8);
    }

    /** The line after a file's bytes in the text form (it starts a line of its own). */
    static byte[] endBanner(String name) {
        return ("\nxxxxx End file: " + name + " xxxxxxxxxxxxxxxxxx\n").getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the text form of {@code sections} as the files are now has at least {@code length} bytes. Files are
     * measured only until that is known, so a start position near the beginning reads no remote part.
     */
    public boolean textReaches(List<LogSection> sections, long length) throws IOException {
        long counted = 0;
        for (LogSection section : sections) {
            for (String part : section.parts()) {
                String name = section.prefix() + part;
                counted += beginBanner(name).length + section.source().size(part) + endBanner(name).length;
                if (counted >= length) {
                    return true;
                }
            }
        }
        return counted >= length;
    }

    /** A zip with one entry per file, named as in the text form. Streams; memory stays flat. */
    public void writeZip(List<LogSection> sections, OutputStream out) throws IOException {
        byte[] buffer = new byte[BUFFER];
        ZipOutputStream zip = new ZipOutputStream(out);
        // Logs compress well even at the fastest level, which keeps a large download close to disk speed.
        zip.setLevel(java.util.zip.Deflater.BEST_SPEED);
        for (LogSection section : sections) {
            for (String part : section.parts()) {
                zip.putNextEntry(new ZipEntry(section.prefix() + part));
                copy(section.source(), part, zip, buffer);
                zip.closeEntry();
            }
        }
        zip.finish();
        zip.flush();
    }

    /** One file's raw bytes. */
    public void writeRaw(LogSection.PartSource source, String part, OutputStream out) throws IOException {
        copy(source, part, out, new byte[BUFFER]);
        out.flush();
    }

    private static void copy(LogSection.PartSource source, String part, OutputStream out, byte[] buffer)
            throws IOException {
        try (InputStream in = source.open(part)) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                out.write(buffer, 0, read);
            }
        }
    }

    /**
     * Deletes execution log directories, then their instance directory and its date directory if they are left
     * empty. Stops at the first file that cannot be deleted, so a caller can keep the repository rows.
     */
    public void deleteExecutionDirectories(List<Path> executionDirectories) throws IOException {
        for (Path directory : executionDirectories) {
            deleteTree(directory);
        }
        for (Path directory : executionDirectories) {
            Path instance = directory.getParent();
            if (deleteIfEmpty(instance)) {
                deleteIfEmpty(instance.getParent());
            }
        }
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        List<Path> deepestFirst;
        try (Stream<Path> walk = Files.walk(directory)) {
            deepestFirst = walk.sorted(Comparator.reverseOrder()).toList();
        }
        for (Path path : deepestFirst) {
            Files.deleteIfExists(path);
        }
    }

    private boolean deleteIfEmpty(Path directory) throws IOException {
        if (directory == null || !directory.startsWith(settings.root()) || directory.equals(settings.root())) {
            return false;
        }
        try {
            return Files.deleteIfExists(directory);
        } catch (DirectoryNotEmptyException stillUsed) {
            return false;
        }
    }
}
