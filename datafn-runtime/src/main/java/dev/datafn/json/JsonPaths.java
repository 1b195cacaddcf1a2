package dev.datafn.json;

/**
 * Builds the JSON paths errors point at, in the dotted form clients see: {@code filters.priority.gt},
 * {@code sort[1]}, {@code record.title}. The root is the empty path.
 */
public final class JsonPaths {

    private JsonPaths() {
    }

    /**
     * @param parent the parent path, empty for the root
     * @param key    an object key
     * @return the path of the key's value
     */
    public static String child(String parent, String key) {
        return parent == null || parent.isEmpty() ? key : parent + "." + key;
    }

    /**
     * @param parent the path of an array
     * @param index  an element index
     * @return the path of the element
     */
    public static String index(String parent, int index) {
        return (parent == null ? "" : parent) + "[" + index + "]";
    }
}
