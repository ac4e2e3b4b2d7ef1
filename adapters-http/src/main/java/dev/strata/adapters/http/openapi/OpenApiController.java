package dev.strata.adapters.http.openapi;

import io.micronaut.core.io.ResourceResolver;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.exceptions.HttpStatusException;
import io.swagger.v3.oas.annotations.Hidden;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Optional;

/** HTTP adapter: serves the OpenAPI document generated at compile time at {@code /openapi.yml}; no auth. */
@Controller
@Hidden
public class OpenApiController {
    /** Where the openapi processor writes the document: {@code <title>-<version>.yml}, lower case. */
    public static final String RESOURCE = "classpath:META-INF/swagger/strata-1.yml";
    /** The media type registered for YAML (RFC 9512). */
    public static final String APPLICATION_YAML = "application/yaml";

    private final byte[] document;

    public OpenApiController(ResourceResolver resources) {
        // read once: the document is fixed at build time
        this.document = load(resources.getResource(RESOURCE));
    }

    @Get(uri = "/openapi.yml", produces = APPLICATION_YAML)
    public HttpResponse<byte[]> openApi() {
        if (document == null) {
            throw new HttpStatusException(HttpStatus.NOT_FOUND, "The OpenAPI document is not part of this build.");
        }
        return HttpResponse.ok(document).contentType(APPLICATION_YAML);
    }

    private static byte[] load(Optional<URL> url) {
        if (url.isEmpty()) {
            return null;
        }
        try (InputStream in = url.get().openStream()) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the OpenAPI document", e);
        }
    }
}
