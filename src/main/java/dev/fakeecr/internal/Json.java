package dev.fakeecr.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration for JSON the fake reads and writes. */
public final class Json {
    /**
     * Shared by every reader and writer of JSON in the fake; never reconfigure it (an ObjectMapper is
     * mutable). Text after the JSON value is refused (a manifest read as a tree); floats are read as
     * BigDecimal.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * A JSON factory whose parsers refuse JSON nested deeper than {@code maxDepth} or longer than
     * {@code maxTokens} tokens ({@code StreamConstraintsException}) as they read (request bodies are read with
     * it, in one streaming pass).
     *
     * @param maxDepth the deepest nesting allowed
     * @param maxTokens the most tokens allowed
     * @return a new factory, to be kept and shared
     */
    public static JsonFactory boundedFactory(int maxDepth, long maxTokens) {
        // No string bound of its own (Jackson's default is 20M characters): the body limit bounds strings.
        return JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxTokenCount(maxTokens).maxStringLength(Integer.MAX_VALUE).build()).build();
    }

    private Json() {}
}
