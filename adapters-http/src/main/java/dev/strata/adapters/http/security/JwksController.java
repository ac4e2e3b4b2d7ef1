package dev.strata.adapters.http.security;

import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;

/**
 * HTTP adapter: publishes the public keys of the JWT key ring as a JWK Set at {@code /.well-known/jwks.json}
 * (no auth, like every route outside {@code /v1}), so that other services can verify Strata's ES256 tokens
 * themselves. With an HMAC algorithm there is nothing public to publish: 404.
 */
@Controller
@Requires(beans = JwtCodec.class)
@Tag(name = "Operations")
@SecurityRequirement(name = "")
public class JwksController {
    /** Where the key set is published. */
    public static final String PATH = "/.well-known/jwks.json";

    private final byte[] document;

    public JwksController(JwtCodec jwt) {
        // fixed for the life of the process: the ring is read once, at start
        this.document = jwt.publicJwks().map(json -> json.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    @Get(uri = PATH, produces = MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify Strata's tokens (JWK Set, RFC 7517)",
            description = "Every key of the ring, with its kid, when strata.jwt.algorithm is ES256; 404 with an HMAC algorithm, "
                    + "whose keys are secret.")
    @ApiResponse(responseCode = "200", description = "The key set", content = @Content(mediaType = MediaType.APPLICATION_JSON))
    @ApiResponse(responseCode = "404", description = "HMAC tokens: no public keys")
    public HttpResponse<byte[]> keys() {
        if (document == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "Tokens are signed with a shared HMAC key: there are no public keys.");
        }
        return HttpResponse.ok(document).contentType(MediaType.APPLICATION_JSON_TYPE)
                .header(HttpHeaders.CACHE_CONTROL, "public, max-age=300");
    }
}
