package dev.strata.adapters.http.operations;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;

/**
 * HTTP adapter: strict headers for the dashboard. The page ({@code /admin/**}) may load only its own script and
 * style, never runs inline script and is never framed; the admin API's answers ({@code /v1/admin/**}) are never
 * stored by a browser or a proxy.
 */
@ServerFilter({"/admin", "/admin/**", "/v1/admin/**"})
public class AdminSecurityHeaders {
    /** Only the page's own files; the data comes from the same origin; no framing, no base or form targets. */
    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    @ResponseFilter
    public void secure(HttpRequest<?> request, MutableHttpResponse<?> response) {
        response.getHeaders().set("X-Frame-Options", "DENY");
        response.getHeaders().set("X-Content-Type-Options", "nosniff");
        response.getHeaders().set("Referrer-Policy", "no-referrer");
        if (request.getPath().startsWith("/v1/")) {
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-store");
        } else {
            response.getHeaders().set("Content-Security-Policy", CSP);
            response.getHeaders().set(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
    }

}
