package dev.modelregistry.fs;

import dev.modelregistry.spi.StoredBlob;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.SequenceInputStream;
import java.nio.file.Path;
import java.util.Random;

/**
 * A separate JVM that stores pseudo-random content, for the multi-process tests. Arguments: root,
 * size, seed, and {@code put} (store it, print {@code digest written}) or {@code hang} (deliver half,
 * print {@code PAUSED}, then wait to be killed).
 */
final class PutProcess {

    private PutProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        byte[] content = content(Integer.parseInt(args[1]), Long.parseLong(args[2]));
        InputStream in = new ByteArrayInputStream(content);
        if (args[3].equals("hang")) {
            in = new SequenceInputStream(new ByteArrayInputStream(content, 0, content.length / 2), new InputStream() {
                @Override
                public int read() throws IOException {
                    System.out.println("PAUSED");
                    System.out.flush();
                    try {
                        Thread.sleep(Long.MAX_VALUE);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    throw new InterruptedIOException();
                }
            });
        }
        try (FileSystemArtifactStore store = FileSystemArtifactStore.at(root)) {
            StoredBlob blob = store.put(in);
            System.out.println(blob.sha256() + " " + blob.written());
        }
    }

    static byte[] content(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
