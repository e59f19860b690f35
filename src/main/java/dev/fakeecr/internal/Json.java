package dev.fakeecr.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The one Jackson configuration for JSON the fake reads and writes. */
public final class Json {
    /**
     * Shared by every reader and writer of JSON in the fake; never reconfigure it (an ObjectMapper is
     * mutable). Text after the JSON value is refused (a request body, a manifest); floats are read as
     * BigDecimal, so a journaled member keeps the digits it was sent with.
     */
    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /**
     * A reader with {@link #MAPPER}'s configuration that refuses JSON nested deeper than {@code maxDepth} or
     * longer than {@code maxTokens} tokens ({@code StreamConstraintsException}) before building its tree.
     *
     * @param maxDepth the deepest nesting allowed
     * @param maxTokens the most tokens allowed
     * @return a new mapper, to be kept and shared like {@link #MAPPER}
     */
    public static ObjectMapper bounded(int maxDepth, long maxTokens) {
        // No string bound of its own (Jackson's default is 20M characters): the body limit bounds strings.
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(maxDepth).maxTokenCount(maxTokens).maxStringLength(Integer.MAX_VALUE).build()).build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    }

    private Json() {}
}
