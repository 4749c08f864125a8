package io.poolscope.report;

import io.poolscope.config.Formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * poolscope's log file, written by poolscope itself rather than by slf4j-simple (which truncates
 * the file it opens and cannot rotate). The file is opened for append, never truncated; a file
 * poolscope creates is readable and writable by its owner only (on POSIX file systems); once it
 * passes {@code maxSize} it is rotated between two messages, so a dump (one message) is never split.
 *
 * <p>Lines look as slf4j-simple's did: {@code 2026-12-01 10:19:23.538 WARN poolscope - message}.
 */
public final class LogFile implements Log {

    private static final FileAttribute<Set<java.nio.file.attribute.PosixFilePermission>> OWNER_ONLY =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path path;
    private final long maxSize;
    private final int maxFiles;
    private final boolean json;
    private final long pid;
    private FileChannel channel;
    private long size;
    private Log broken; // once writing fails, standard error takes over

    private LogFile(Path path, long maxSize, int maxFiles, boolean json, long pid) {
        this.path = path;
        this.maxSize = maxSize;
        this.maxFiles = maxFiles;
        this.json = json;
        this.pid = pid;
    }

    /**
     * Opens {@code file} for append and writes {@code startLine} first. If it cannot be opened (a
     * missing directory, no permission), the log goes to standard error with one line that says so.
     */
    public static Log open(String file, long maxSize, int maxFiles, String startLine) {
        return open(file, maxSize, maxFiles, false, 0, LogEvent.info("start", startLine));
    }

    /**
     * @param json  one JSON object per line ({@code logFormat=json}) instead of text
     * @param pid   this process's id, a field of every JSON line
     * @param start the first event written: which process, version and options
     */
    public static Log open(String file, long maxSize, int maxFiles, boolean json, long pid, LogEvent start) {
        LogFile log;
        try {
            log = new LogFile(Paths.get(file), maxSize, maxFiles, json, pid);
            log.openChannel();
        } catch (IOException | RuntimeException e) {
            Log stderr = json ? new JsonStreamLog(System.err, pid) : Slf4jSimpleLog.open("stderr");
            stderr.event(LogEvent.warn("log_fallback", "poolscope: cannot write the log file " + file + " (" + describe(e)
                    + "); writing to standard error instead").with("logFile", file).with("error", describe(e)));
            stderr.event(start);
            return stderr;
        }
        log.event(start);
        return log;
    }

    /** {@code %p} becomes the process id, {@code %t} the start time (yyyy-MM-dd_HH-mm-ss), {@code %%} a percent sign. */
    public static String expand(String logFile, long pid, long startMillis) {
        if (logFile.indexOf('%') < 0) {
            return logFile;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < logFile.length(); i++) {
            char c = logFile.charAt(i);
            char next = i + 1 < logFile.length() ? logFile.charAt(i + 1) : 0;
            if (c == '%' && next == 'p') {
                out.append(pid);
                i++;
            } else if (c == '%' && next == 't') {
                out.append(new SimpleDateFormat("yyyy-MM-dd_HH-mm-ss", Locale.ROOT).format(new Date(startMillis)));
                i++;
            } else if (c == '%' && next == '%') {
                out.append('%');
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    @Override
    public void info(String message) {
        event(LogEvent.info("message", message));
    }

    @Override
    public void warn(String message) {
        event(LogEvent.warn("message", message));
    }

    /** The path of the current file. */
    public Path path() {
        return path;
    }

    @Override
    public synchronized void event(LogEvent event) {
        if (broken != null) {
            broken.event(event);
            return;
        }
        byte[] bytes = line(event);
        try {
            if (maxSize > 0 && size > 0 && size + bytes.length > maxSize) {
                rotate();
                bytes = line(event); // stamped after the rotation line
            }
            writeBytes(bytes);
        } catch (IOException | RuntimeException e) {
            broken = json ? new JsonStreamLog(System.err, pid) : Slf4jSimpleLog.open("stderr");
            broken.event(LogEvent.warn("log_fallback", "poolscope: cannot write the log file " + path + " (" + describe(e)
                    + "); writing to standard error from now on").with("logFile", path.toString()).with("error", describe(e)));
            closeQuietly();
            broken.event(event);
        }
    }

    private byte[] line(LogEvent event) {
        long now = System.currentTimeMillis();
        String text = (json ? LogLines.json(now, pid, event) : LogLines.text(now, event)) + System.lineSeparator();
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private void writeBytes(byte[] bytes) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
        size += bytes.length;
    }

    /** name.(n-1) to name.n down to name to name.1; the oldest is dropped; then a new file with one line about it. */
    private void rotate() throws IOException {
        closeQuietly();
        Path parent = path.toAbsolutePath().getParent();
        String name = path.getFileName().toString();
        if (maxFiles <= 1) {
            Files.deleteIfExists(path);
        } else {
            Files.deleteIfExists(parent.resolve(name + "." + (maxFiles - 1)));
            for (int n = maxFiles - 2; n >= 1; n--) {
                Path from = parent.resolve(name + "." + n);
                if (Files.exists(from)) {
                    Files.move(from, parent.resolve(name + "." + (n + 1)), StandardCopyOption.REPLACE_EXISTING);
                }
            }
            if (Files.exists(path)) {
                Files.move(path, parent.resolve(name + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        openChannel();
        writeBytes(line(LogEvent.info("log_rotated", "poolscope: log rotated at " + Formats.size(maxSize)
                + (maxFiles > 1 ? "; the previous part is " + name + ".1, " + maxFiles + " files kept" : "; maxLogFiles=1 keeps no earlier part"))
                .with("maxLogSize", maxSize).with("maxLogFiles", maxFiles)
                .with("previous", maxFiles > 1 ? name + ".1" : null)));
    }

    private void openChannel() throws IOException {
        Set<StandardOpenOption> options = EnumSet.of(StandardOpenOption.CREATE, StandardOpenOption.APPEND, StandardOpenOption.WRITE);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            channel = FileChannel.open(path, options, OWNER_ONLY);
        } else {
            channel = FileChannel.open(path, options);
        }
        size = channel.size();
    }

    /** Closes the file; a later line opens it again. */
    public synchronized void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        FileChannel current = channel;
        channel = null;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                // nothing more to write there
            }
        }
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
