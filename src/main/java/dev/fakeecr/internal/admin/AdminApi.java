package dev.fakeecr.internal.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.fakeecr.faults.ErrorSpec;
import dev.fakeecr.faults.FaultRule;
import dev.fakeecr.faults.FaultRuleBuilder;
import dev.fakeecr.internal.Json;
import dev.fakeecr.internal.account.AccountKey;
import dev.fakeecr.internal.account.AccountState;
import dev.fakeecr.internal.account.Accounts;
import dev.fakeecr.internal.registry.MemoryBudget;
import dev.fakeecr.internal.protocol.EcrProtocol;
import dev.fakeecr.internal.protocol.RequestIds;
import dev.fakeecr.internal.protocol.WireResponse;
import dev.fakeecr.journal.Call;
import dev.fakeecr.registry.AccountIds;
import dev.fakeecr.registry.EcrError;
import dev.fakeecr.registry.LifecycleAction;
import dev.fakeecr.registry.LifecycleRun;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The fake's own small HTTP API under {@code /fake-ecr/}, for processes that cannot hold a handle (the
 * AWS CLI, other languages): a health check, fault rules and the call journal of one account and region.
 *
 * <ul>
 *   <li>{@code GET /fake-ecr/health}: {@code {"status":"ok"}} with what the server holds (accounts, layer bytes on
 *       the heap and in temporary files)</li>
 *   <li>{@code POST /fake-ecr/faults} with {@code {"accountId","region","operation","errorCode",
 *       "times"?, "status"?, "message"?}}: declares a rule, as {@code FakeEcr.onCall(...)} does</li>
 *   <li>{@code GET /fake-ecr/calls?accountId=…&region=…}: the journal, oldest first</li>
 *   <li>{@code POST /fake-ecr/clock} with {@code {"accountId","region","set"?: ISO-8601 instant,
 *       "advance"?: ISO-8601 duration such as "P8D", "applyLifecyclePolicies"?: true}}: sets and/or advances
 *       the account's registry clock (set first), then optionally runs its lifecycle policies; answers
 *       {@code {"now", "runs"?}}</li>
 *   <li>{@code POST /fake-ecr/lifecycle/apply} with {@code {"accountId","region","repositoryName"?}}: runs
 *       the lifecycle policies of the account (or of one repository) now; answers {@code {"runs": [...]}}</li>
 *   <li>{@code GET /fake-ecr/lifecycle/runs?accountId=…&region=…}: the runs so far, oldest first</li>
 * </ul>
 */
public final class AdminApi {
    /** The fake's own paths; nothing of ECR's lives under it. */
    public static final String PREFIX = "/fake-ecr/";
    private static final ObjectMapper JSON = Json.MAPPER;

    private final Accounts accounts;

    /**
     * @param accounts the state the API reads and declares rules in
     */
    public AdminApi(Accounts accounts) {
        this.accounts = accounts;
    }

    /** {@code status}, and what the server holds: accounts, and layer bytes on the heap (of its budget) and on disk. */
    private ObjectNode health() {
        MemoryBudget budget = accounts.memoryBudget();
        ObjectNode health = JSON.createObjectNode().put("status", "ok").put("accountsHeld", accounts.size())
                .put("layerHeapBytes", budget.heapBytes()).put("layerFileBytes", budget.fileBytes());
        if (budget.boundBytes() != Long.MAX_VALUE) {
            health.put("layerHeapBudgetBytes", budget.boundBytes());
        }
        return health;
    }

    /**
     * Answers one request under {@link #PREFIX} (layer downloads are served elsewhere).
     *
     * @param method the HTTP method
     * @param url the path and query
     * @param body the request body
     * @param signedAccountId the account the request is signed for (SigV4), or null for an unsigned request
     * @return the answer, JSON
     */
    public WireResponse handle(String method, String url, byte[] body, String signedAccountId) {
        String requestId = RequestIds.next();
        String path = url.contains("?") ? url.substring(0, url.indexOf('?')) : url;
        try {
            if (method.equals("GET") && path.equals(PREFIX + "health")) {
                return json(200, health(), requestId);
            }
            if (signedAccountId != null) {
                // A signed request acts on the account it is signed for, as an API call does, and no other.
                String target = method.equals("GET") ? query(url).get("accountId")
                        : body == null || body.length == 0 ? null : JSON.readTree(body).path("accountId").asText(null);
                if (target != null && !target.equals(signedAccountId)) {
                    return EcrProtocol.error("AccessDeniedException", 403, "fake-ecr: a request signed for account "
                            + signedAccountId + " may not act on account " + target + " through the admin API");
                }
            }
            if (method.equals("POST") && path.equals(PREFIX + "faults")) {
                return json(200, addFault(JSON.readTree(body)), requestId);
            }
            if (method.equals("GET") && path.equals(PREFIX + "calls")) {
                Map<String, String> query = query(url);
                // Reading a journal creates no state: an account nobody used has made no calls.
                AccountKey key = new AccountKey(required(query, "accountId"), required(query, "region"));
                return json(200, calls(accounts.find(key).map(s -> s.journal().calls()).orElse(List.of())),
                        requestId);
            }
            if (method.equals("GET") && path.equals(PREFIX + "lifecycle/runs")) {
                Map<String, String> query = query(url);
                AccountKey key = new AccountKey(required(query, "accountId"), required(query, "region"));
                ObjectNode answer = JSON.createObjectNode();
                answer.set("runs", runs(accounts.find(key).map(s -> s.journal().lifecycleRuns()).orElse(List.of())));
                return json(200, answer, requestId);
            }
            if (method.equals("POST") && path.equals(PREFIX + "clock")) {
                return json(200, moveClock(JSON.readTree(body)), requestId);
            }
            if (method.equals("POST") && path.equals(PREFIX + "lifecycle/apply")) {
                return json(200, applyLifecycle(JSON.readTree(body)), requestId);
            }
            return EcrProtocol.error("NotFoundException", 404, "fake-ecr has no " + method + " " + path);
        } catch (EcrError e) {
            return EcrProtocol.error(e.code().code(), e.code().httpStatus(), e.getMessage());
        } catch (DateTimeParseException e) {
            return EcrProtocol.error("InvalidParameterException", 400, "not an ISO-8601 time or duration: "
                    + e.getParsedString());
        } catch (IllegalArgumentException | IOException e) {
            return EcrProtocol.error("InvalidParameterException", 400, String.valueOf(e.getMessage()));
        }
    }

    private ObjectNode addFault(JsonNode spec) {
        String operation = text(spec, "operation");
        if (!EcrProtocol.ECR_OPERATIONS.contains(operation)) {
            throw new IllegalArgumentException("'" + operation + "' is not an ECR operation");
        }
        String code = text(spec, "errorCode");
        // The rule waits in the account's state (created, owned by the server) for the account's first call.
        AccountState state = accounts.forRequest(new AccountKey(accountId(text(spec, "accountId")), text(spec, "region")));
        FaultRuleBuilder rule = state.faults().declare(operation);
        if (spec.has("times")) {
            rule.times(spec.get("times").asInt());
        }
        ErrorSpec error = spec.has("status") ? ErrorSpec.of(code, spec.get("status").asInt()) : ErrorSpec.of(code);
        FaultRule added = spec.hasNonNull("message") ? rule.failWith(error, spec.get("message").asText())
                : rule.failWith(error);
        return JSON.createObjectNode().put("rule", added.toString());
    }

    /** Set, then advance, then (if asked) run the lifecycle policies: what a test in another language needs. */
    private ObjectNode moveClock(JsonNode spec) {
        AccountState state = account(spec);
        if (spec.hasNonNull("set")) {
            state.clock().set(Instant.parse(text(spec, "set")));
        }
        if (spec.hasNonNull("advance")) {
            Duration advance = Duration.parse(text(spec, "advance"));
            if (advance.isNegative()) {
                throw new IllegalArgumentException("'advance' must not be negative: the clock only moves forward");
            }
            state.clock().advance(advance);
        }
        ObjectNode answer = JSON.createObjectNode().put("now", state.clock().instant().toString());
        if (spec.path("applyLifecyclePolicies").asBoolean(false)) {
            answer.set("runs", runs(state.applyLifecyclePolicies()));
        }
        return answer;
    }

    private ObjectNode applyLifecycle(JsonNode spec) {
        AccountState state = account(spec);
        List<LifecycleRun> runs = spec.hasNonNull("repositoryName")
                ? List.of(state.applyLifecyclePolicy(text(spec, "repositoryName")))
                : state.applyLifecyclePolicies();
        ObjectNode answer = JSON.createObjectNode();
        answer.set("runs", runs(runs));
        return answer;
    }

    /** The account's state, created (owned by the server) if no call made it yet. */
    private AccountState account(JsonNode spec) {
        return accounts.forRequest(new AccountKey(accountId(text(spec, "accountId")), text(spec, "region")));
    }

    /** Runs in the shape of GetLifecyclePolicyPreview's results, plus when each ran. */
    private static ArrayNode runs(List<LifecycleRun> runs) {
        ArrayNode array = JSON.createArrayNode();
        for (LifecycleRun run : runs) {
            ObjectNode node = array.addObject().put("repositoryName", run.repositoryName())
                    .put("evaluatedAt", run.evaluatedAt().toString());
            ArrayNode actions = node.putArray("actions");
            for (LifecycleAction action : run.actions()) {
                ObjectNode entry = actions.addObject().put("imageDigest", action.digest());
                action.tags().forEach(entry.putArray("imageTags")::add);
                entry.put("imagePushedAt", action.pushedAt().toString()).put("action", action.type().name())
                        .put("appliedRulePriority", action.rulePriority())
                        .put("storageClass", action.storageClass().name());
            }
        }
        return array;
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

    private static String accountId(String accountId) {
        return AccountIds.require(accountId, "'accountId'");
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
}
