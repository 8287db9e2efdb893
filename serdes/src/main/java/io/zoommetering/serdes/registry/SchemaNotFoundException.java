package io.zoommetering.serdes.registry;

/**
 * The registry answered 404: it has no such schema id (40403), subject (40401) or version (40402), or the subject
 * does not hold the schema looked up. Never retried: asking again gives the same answer.
 */
public class SchemaNotFoundException extends SchemaRegistryException {

    public SchemaNotFoundException(String message, int errorCode) {
        super(message, 404, errorCode, null);
    }
}
