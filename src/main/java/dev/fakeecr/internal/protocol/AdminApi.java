package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.faults.ErrorSpec;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.FaultRuleBuilder;
import dev.fakeecr.internal.Json;
import dev.fakeecr.journal.Call;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The fake's own small HTTP API under {@code /fake-ecr/}, for processes that cannot hold a handle (the
 * AWS CLI, other languages): a health check, fault rules and the call journal of one account and region.
 *
 * <ul>
 *   <li>{@code GET /fake-ecr/health}: {@code {"status":"ok"}}</li>
 *   <li>{@code POST /fake-ecr/faults} with {@code {"accountId","region","operation","errorCode",
 *       "times"?, "status"?, "message"?}}: declares a rule, as {@code FakeEcr.onCall(...)} does</li>
 *   <li>{@code GET /fake-ecr/calls?accountId=…&region=…}: the journal, oldest first</li>
 * </ul>
 */
final class AdminApi {
    static final String PREFIX = "/fake-ecr/";
    private static final ObjectMapper JSON = Json.MAPPER;

    private AdminApi() {}

    static WireResponse handle(String method, String url, byte[] body, ClientScopes scopes) {
        String requestId = RequestIds.next();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        try {
            if (method.equals("GET") && path.equals(PREFIX + "health")) {
                return json(200, JSON.createObjectNode().put("status", "ok"), requestId);
            }
            if (method.equals("POST") && path.equals(PREFIX + "faults")) {
                return json(200, addFault(JSON.readTree(body), scopes), requestId);
            }
            if (method.equals("GET") && path.equals(PREFIX + "calls")) {
                Map<String, String> query = query(url);
                return json(200, calls(scopes.scope(required(query, "accountId"), required(query, "region"))
                        .journal().calls()), requestId);
            }
            return error(404, "fake-ecr has no " + method + " " + path, requestId);
        } catch (IllegalArgumentException | IOException e) {
            return error(400, e.getMessage(), requestId);
        }
    }

    private static ObjectNode addFault(JsonNode spec, ClientScopes scopes) {
        String operation = text(spec, "operation");
        if (!EcrProtocol.ECR_OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("'" + operation + "' is not an ECR operation");
        }
        String code = text(spec, "errorCode");
        FaultRuleBuilder rule = scopes.scope(text(spec, "accountId"), text(spec, "region")).faults().declare(operation);
        if (spec.has("times")) {
            rule.times(spec.get("times").asInt());
        }
        ErrorSpec error = spec.has("status") ? ErrorSpec.of(code, spec.get("status").asInt()) : ErrorSpec.of(code);
        FaultRule added = spec.hasNonNull("message") ? rule.failWith(error, spec.get("message").asText())
                : rule.failWith(error);
        return JSON.createObjectNode().put("rule", added.toString());
    }

    private static ArrayNode calls(Iterable<Call> calls) {
        ArrayNode array = JSON.createArrayNode();
        for (Call call : calls) {
            ObjectNode node = array.addObject().put("operation", call.operation()).put("status", call.status())
                    .put("requestId", call.requestId()).put("injected", call.injected())
                    .put("time", call.time().toString());
            node.put("errorCode", call.errorCode());
            node.set("request", JSON.valueToTree(call.request().members()));
        }
        return array;
    }

    private static String text(JsonNode spec, String member) {
        JsonNode value = spec.get(member);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("'" + member + "' (a string) is required");
        }
        return value.asText();
    }

    private static Map<String, String> query(String url) {
        Map<String, String> query = new HashMap<>();
        int q = url.indexOf('?');
        if (q >= 0) {
            for (String pair : url.substring(q + 1).split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(pair.substring(0, eq), URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return query;
    }

    private static String required(Map<String, String> query, String name) {
        String value = query.get(name);
        if (value == null) {
            throw new IllegalArgumentException("query parameter '" + name + "' is required");
        }
        return value;
    }

    private static WireResponse json(int status, JsonNode body, String requestId) throws IOException {
        return WireResponse.bytes(status, "application/json", JSON.writeValueAsBytes(body), requestId);
    }

    private static WireResponse error(int status, String message, String requestId) {
        try {
            return json(status, JSON.createObjectNode().put("error", message), requestId);
        } catch (IOException e) {
            throw new IllegalStateException("a one-string JSON object always serialises", e);
        }
    }
}
