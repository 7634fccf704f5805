package dev.modelregistry.core;

import static java.nio.file.LinkOption.NOFOLLOW_LINKS;
import static java.nio.file.StandardOpenOption.READ;

import dev.modelregistry.InvalidInputException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A source file as it was checked when it was added to a registration: the real (link-free) path of
 * a directory, the directory's identity, and the link-free path of the file inside it. {@link #open()}
 * reopens exactly that file without following any link: from the directory it walks down one
 * component at a time, each opened relative to its parent and refused if it is a symbolic link now.
 * So a file or a directory along its path that was swapped for a link after the check can never make
 * a registration read something outside the directory; the check and the read are the same act.
 *
 * <p>Where the platform has no {@link SecureDirectoryStream} (Windows), each component is checked
 * for being a link just before the file is opened, which narrows the window but cannot close it.
 *
 * @param shown      the path as the user gave it, for messages
 * @param root       the real path of the directory the file was found in
 * @param rootKey    the directory's file key when it was checked, or null if the platform has none
 * @param components the file's real path inside {@code root}, one name per component
 */
record SourceFile(Path shown, Path root, Object rootKey, List<String> components) {

    SourceFile {
        Objects.requireNonNull(shown, "shown");
        Objects.requireNonNull(root, "root");
        components = List.copyOf(components);
    }

    /**
     * The checked file under {@code root} whose real path is {@code real}; {@code real} must lie
     * inside {@code root}, and both must be real paths (as {@link Path#toRealPath} returns them).
     */
    static SourceFile under(Path shown, Path root, Object rootKey, Path real) {
        Path relative = root.relativize(real);
        String[] names = new String[relative.getNameCount()];
        for (int i = 0; i < names.length; i++) {
            names[i] = relative.getName(i).toString();
        }
        return new SourceFile(shown, root, rootKey, List.of(names));
    }

    /** The file key of a directory, to recognize it when it is opened again; null if the platform has none. */
    static Object keyOf(Path directory) {
        try {
            return Files.readAttributes(directory, BasicFileAttributes.class).fileKey();
        } catch (IOException e) {
            throw new InvalidInputException("source directory", directory.toString(), "cannot be read: " + e);
        }
    }

    /**
     * Opens the checked file for reading, following no link; the caller closes the channel.
     *
     * @throws InvalidInputException if the file, or a directory on its way, is now a symbolic link,
     *         no longer exists, is no longer what was checked, or cannot be opened
     */
    FileChannel open() {
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(root)) {
            if (dir instanceof SecureDirectoryStream<Path> secure) {
                return openBelow(secure);
            }
            return openByPath();
        } catch (IOException e) {
            // ELOOP from a link in the way surfaces as a plain IOException ("NOFOLLOW_LINKS specified")
            throw changed(e);
        }
    }

    private FileChannel openBelow(SecureDirectoryStream<Path> root) throws IOException {
        if (rootKey != null
                && !rootKey.equals(root.getFileAttributeView(BasicFileAttributeView.class).readAttributes().fileKey())) {
            throw new InvalidInputException("source file", shown.toString(),
                    "its directory " + this.root + " was replaced after the file was added");
        }
        SecureDirectoryStream<Path> dir = root;
        try {
            for (String name : components.subList(0, components.size() - 1)) {
                SecureDirectoryStream<Path> next = dir.newDirectoryStream(Path.of(name), NOFOLLOW_LINKS);
                if (dir != root) {
                    dir.close();
                }
                dir = next;
            }
            SeekableByteChannel channel = dir.newByteChannel(Path.of(components.get(components.size() - 1)),
                    Set.of(READ, NOFOLLOW_LINKS));
            if (channel instanceof FileChannel file) {
                return file;
            }
            channel.close();
            return openByPath();
        } finally {
            if (dir != root) {
                dir.close();
            }
        }
    }

    private FileChannel openByPath() throws IOException {
        Path path = root;
        for (String name : components) {
            path = path.resolve(name);
            if (Files.isSymbolicLink(path)) {
                throw changed(new FileSystemException(path.toString(), null, "is a symbolic link"));
            }
        }
        return FileChannel.open(path, READ, NOFOLLOW_LINKS);
    }

    private InvalidInputException changed(IOException e) {
        String what = e instanceof NoSuchFileException ? "no longer exists"
                : "cannot be opened as it was when added (replaced by a symbolic link, or unreadable)";
        return new InvalidInputException("source file", shown.toString(), what + ": " + e.getMessage());
    }
}
