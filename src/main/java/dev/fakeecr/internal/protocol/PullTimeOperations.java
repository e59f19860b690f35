package dev.fakeecr.internal.protocol;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.fakeecr.internal.registry.PullTimeExclusion;
import dev.fakeecr.registry.EcrError;
import java.util.regex.Pattern;

/** Register/Deregister/ListPullTimeUpdateExclusions. */
final class PullTimeOperations {
    private static final Pattern PRINCIPAL =
            Pattern.compile("^arn:aws(-[a-z]+)*:iam::[0-9]{12}:(role|user)/[\\w+=,.@-]+(/[\\w+=,.@-]+)*$");
    /** The model caps a page of exclusions at 100. */
    private static final int MAX_PAGE = 100;

    private PullTimeOperations() {}

    static ObjectNode registerPullTimeUpdateExclusion(OperationContext context, JsonInput input) {
        PullTimeExclusion exclusion = context.caller().registry().registerPullTimeExclusion(principal(input));
        return JsonOutput.object().put("principalArn", exclusion.principalArn())
                .put("createdAt", JsonOutput.timestamp(exclusion.createdAt()));
    }

    static ObjectNode deregisterPullTimeUpdateExclusion(OperationContext context, JsonInput input) {
        PullTimeExclusion exclusion = context.caller().registry().deregisterPullTimeExclusion(principal(input));
        return JsonOutput.object().put("principalArn", exclusion.principalArn());
    }

    static ObjectNode listPullTimeUpdateExclusions(OperationContext context, JsonInput input) {
        Integer maxResults = Params.maxResults(input.integer("maxResults"));
        String nextToken = input.string("nextToken");
        return Pages.unordered(context.caller().registry().pullTimeExclusions(), PullTimeExclusion::principalArn,
                        maxResults == null ? null : Math.min(maxResults, MAX_PAGE), nextToken, MAX_PAGE,
                        Pages.Scope.of(context, null, null, null))
                .toOutput("pullTimeUpdateExclusions", e -> TextNode.valueOf(e.principalArn()));
    }

    private static String principal(JsonInput input) {
        String arn = Params.required("principalArn", input.string("principalArn"));
        Params.length("principalArn", arn, 0, 200);
        if (!PRINCIPAL.matcher(arn).matches()) {
            throw EcrError.invalidParameter("principalArn", "must satisfy regular expression '" + PRINCIPAL.pattern() + "'");
        }
        return arn;
    }
}
