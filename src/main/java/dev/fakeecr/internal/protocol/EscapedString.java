package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.SerializerProvider;
import java.io.IOException;

/**
 * A long string member of a request body with its JSON literal as the client escaped it, all ASCII: the bytes
 * between the quotes, in the body itself. PutImage's answer echoes the manifest it was sent, so its answer
 * copies these bytes rather than escaping the manifest again ({@link JsonWriter}); Jackson, should the answer
 * go to it, writes {@link #text} as any string.
 *
 * @param text the string, as read
 * @param body the request body
 * @param from the literal's first byte after the opening quote
 * @param to the closing quote
 */
record EscapedString(String text, byte[] body, int from, int to) implements JsonSerializable {
    @Override
    public void serialize(JsonGenerator generator, SerializerProvider provider) throws IOException {
        generator.writeString(text);
    }

    @Override
    public void serializeWithType(JsonGenerator generator, SerializerProvider provider,
                                  com.fasterxml.jackson.databind.jsontype.TypeSerializer types) throws IOException {
        serialize(generator, provider);
    }
}
