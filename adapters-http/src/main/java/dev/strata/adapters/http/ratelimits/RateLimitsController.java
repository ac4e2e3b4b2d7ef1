package dev.strata.adapters.http.ratelimits;

import dev.strata.adapters.http.security.RequiresScope;
import dev.strata.application.ratelimits.port.ConfigureRateLimitCommand;
import dev.strata.application.ratelimits.port.ConsumeRateLimitCommand;
import dev.strata.application.ratelimits.port.RateLimitUseCase;
import dev.strata.domain.ratelimits.RateDecision;
import dev.strata.domain.ratelimits.RateLimitAlgorithm;
import dev.strata.domain.ratelimits.RateLimitPolicy;
import dev.strata.domain.shared.ResourceName;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;

/** HTTP adapter: rate limits of the caller's tenant ({@code /v1/rate-limits}, scope {@code ratelimit}). */
@Controller("/v1/rate-limits")
@RequiresScope("ratelimit")
@ExecuteOn(TaskExecutors.BLOCKING)
@Tag(name = "rate-limits")
@SecurityRequirement(name = "bearerAuth")
public class RateLimitsController {
    private final RateLimitUseCase rateLimits;

    public RateLimitsController(RateLimitUseCase rateLimits) {
        this.rateLimits = rateLimits;
    }

    @Operation(summary = "Create or replace a policy: limit per windowSeconds, algorithm sliding-window (default) or token-bucket")
    @Put("/{policy}")
    public RateLimitPolicyResponse configure(@PathVariable String policy, @Body @Valid RateLimitPolicyRequest request) {
        ResourceName.of("policy", policy);
        RateLimitAlgorithm algorithm = request.algorithm() == null ? RateLimitAlgorithm.SLIDING_WINDOW
                : RateLimitAlgorithm.fromWire(request.algorithm());
        RateLimitPolicy saved = rateLimits.configure(new ConfigureRateLimitCommand(
                new RateLimitPolicy(policy, request.limit(), request.windowSeconds(), algorithm)));
        return new RateLimitPolicyResponse(saved.name(), saved.limit(), saved.windowSeconds(), saved.algorithm().wire());
    }

    @Operation(summary = "Consume cost (default 1) units of key: 200 allowed, or 429 with the same body; exact across instances")
    @Post("/{policy}/consume")
    public HttpResponse<RateDecisionResponse> consume(@PathVariable String policy, @Body @Valid ConsumeRequest request) {
        RateDecision decision = rateLimits.consume(new ConsumeRateLimitCommand(policy, request.key(),
                request.cost() == null ? 1 : request.cost()));
        RateDecisionResponse body = new RateDecisionResponse(decision.allowed(), decision.limit(), decision.remaining(), decision.resetAt());
        return RateLimitHeaders.apply(HttpResponse.<RateDecisionResponse>status(
                decision.allowed() ? HttpStatus.OK : HttpStatus.TOO_MANY_REQUESTS).body(body), decision);
    }
}
