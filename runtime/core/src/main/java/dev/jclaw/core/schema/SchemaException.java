package dev.jclaw.core.schema;

/** A schema that cannot be compiled: a keyword with a value of the wrong kind, a pattern that is not a regex. */
public final class SchemaException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and where in the schema
     */
    public SchemaException(String message) {
        super(message);
    }
}
