package dev.modelregistry.core;

import dev.modelregistry.InvalidInputException;
import dev.modelregistry.Limits;

/**
 * Validates the relative POSIX paths of files inside a version, so that copying a version to a
 * directory can never write outside it.
 */
final class FilePaths {

    private FilePaths() {
    }

    static String check(String path) {
        if (path == null || path.isEmpty()) {
            throw new InvalidInputException("file path", path, "must not be empty");
        }
        if (path.length() > Limits.PATH_LENGTH) {
            throw new InvalidInputException("file path", path, "longer than " + Limits.PATH_LENGTH + " characters");
        }
        if (path.codePoints().anyMatch(Character::isISOControl)) {
            throw new InvalidInputException("file path", path, "must not contain control characters or NUL");
        }
        Validation.noDeceptiveCharacters("file path", path);
        if (path.indexOf('\\') >= 0) {
            throw new InvalidInputException("file path", path, "must use '/' as separator, not '\\'");
        }
        if (path.startsWith("/") || path.matches("^[A-Za-z]:.*")) {
            throw new InvalidInputException("file path", path, "must be relative");
        }
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty()) {
                throw new InvalidInputException("file path", path, "must not contain empty segments or a trailing '/'");
            }
            if (segment.equals(".") || segment.equals("..")) {
                throw new InvalidInputException("file path", path, "must not contain '.' or '..' segments");
            }
            if (segment.length() > Limits.PATH_SEGMENT_LENGTH) {
                throw new InvalidInputException("file path", path,
                        "segment longer than " + Limits.PATH_SEGMENT_LENGTH + " characters");
            }
        }
        return path;
    }
}
