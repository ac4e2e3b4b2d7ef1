package dev.strata.bench.bare;

import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Produces;

/** {@code GET /bare} answers {@code ok}: no filters, no metrics, no per-request logging. */
@Controller
public class BareController {
    @Get("/bare")
    @Produces(MediaType.TEXT_PLAIN)
    public String bare() {
        return "ok";
    }
}
