package dev.strata.adapters.http.events;

import dev.strata.adapters.http.fastpath.FastAnswers;
import dev.strata.adapters.http.fastpath.FastRoute;
import dev.strata.adapters.http.fastpath.FastWrite;
import dev.strata.adapters.http.fastpath.FastWriteRoute;
import dev.strata.adapters.http.fastpath.FastWrites;
import dev.strata.adapters.http.security.AccessPrincipal;
import dev.strata.adapters.http.security.AuthenticationFilter;
import dev.strata.application.events.port.PublishEventCommand;
import dev.strata.application.events.port.PublishEventUseCase;
import dev.strata.domain.events.AppendResult;
import dev.strata.domain.shared.DomainException;
import dev.strata.domain.shared.Scope;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import jakarta.inject.Singleton;
import java.util.concurrent.CompletableFuture;

/**
 * HTTP adapter: answers a plain, authorised {@code POST /v1/topics/{topic}/events} straight from the connection's
 * Netty pipeline, ahead of Micronaut's routing, filters, body binding and encoding (a {@link FastRoute}): the same
 * publish as {@link EventsController#publish} ({@link EventsController#publishCommand}, then
 * {@link PublishEventUseCase#publishAsync}), answered when the event is committed with the same status (201), body,
 * headers ({@code Content-Type}, {@code X-Request-Id}, {@code Date}), request timer and access-log line.
 *
 * <p>It takes only the plain case: HTTP/1.1 keep-alive, a JSON body of at most 2 KiB that {@link PublishBody} reads
 * exactly as Micronaut would, no {@code Idempotency-Key}, a token memory vouches for with scope
 * {@code events:publish}, a topic name the controller would publish to as it stands. Everything else goes to
 * Micronaut before anything is started, which answers as ever: bad bodies, restricted topics, keys, missing
 * scopes, tokens memory cannot vouch for, {@code Origin}, {@code Expect}, {@code Connection: close}.
 *
 * <p>{@code publishAsync} may block its caller (a topic's first use on this instance registers it against the
 * tenant's quota; a publish that finds its topic idle appends on the calling thread), so the publish starts on the
 * blocking pool, where the controller's would run; a pool that refuses the task leaves the request to Micronaut.
 * Once started, the request is never handed on (the event could be published twice): a failure is answered here,
 * with the status, problem body, headers and log line Micronaut's error handling gives that exception
 * ({@link FastWrite}, through {@code ProblemMapper}).
 *
 * <p>On by default; {@code strata.http.fast-publish=false} turns it off.
 */
@Singleton
@Requires(property = PublishFastPath.ENABLED, notEquals = "false")
@Requires(beans = PublishEventUseCase.class)
public class PublishFastPath extends FastWriteRoute<String, AppendResult> {
    /** The switch. */
    public static final String ENABLED = "strata.http.fast-publish";
    /** The route's template, as Micronaut's server metrics name it. */
    static final String ROUTE = "/v1/topics/{topic}/events";
    private static final String PREFIX = "/v1/topics/";
    private static final String SUFFIX = "/events";

    private final PublishEventUseCase publish;
    private final JsonMapper json;

    public PublishFastPath(PublishEventUseCase publish, AuthenticationFilter authentication, JsonMapper json,
                           FastWrites writes) {
        super(authentication, writes.forRoute(ROUTE), Scope.EVENTS_PUBLISH, true);
        this.publish = publish;
        this.json = json;
    }

    @Override
    protected String target(String uri) {
        return topicOf(uri);
    }

    @Override
    @Nullable
    protected Plan<AppendResult> plan(String topic, byte[] body, AccessPrincipal caller) {
        PublishEventRequest parsed = PublishBody.read(body, json);
        if (parsed == null) {
            return null;
        }
        PublishEventCommand command;
        try {
            command = EventsController.publishCommand(topic, parsed, null, caller, json);
        } catch (DomainException e) {
            return null; // a restricted topic, one Strata writes: Micronaut's problem answer
        }
        return new Plan<>(() -> publish.publishAsync(command),
                result -> new FastWrite.Success(HttpResponseStatus.valueOf(EventsController.publishedStatus(result).getCode()),
                        PublishedEventResponse.of(result)));
    }

    /** The topic of a request target that is exactly {@code /v1/topics/{topic}/events} with a valid name, else null. */
    @Nullable
    static String topicOf(String uri) {
        return FastAnswers.name(uri, PREFIX, SUFFIX);
    }
}
