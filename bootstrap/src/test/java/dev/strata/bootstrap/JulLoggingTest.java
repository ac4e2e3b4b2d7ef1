package dev.strata.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** Log routing: a java.util.logging record comes out of the jar's Logback configuration as one JSON line. */
class JulLoggingTest {

    @Test
    void aJulRecordBecomesAJsonLineOfTheConfiguredFormat() throws Exception {
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        String previousFormat = System.getProperty("STRATA_LOG_FORMAT");
        try {
            System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
            System.setProperty("STRATA_LOG_FORMAT", "json");
            context.reset();
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            URL production = JulLoggingTest.class.getClassLoader().getResource("logback.xml");
            configurator.doConfigure(production);
            JulLogging.install();

            Logger jul = Logger.getLogger("dev.strata.application.operations.JulProbe");
            jul.log(Level.WARNING, "routed {0} line", "jul");
            jul.log(Level.FINE, "below the configured level");
            context.stop(); // drains the async appender
        } finally {
            System.setOut(original);
            restore(previousFormat);
            context.reset();
            new ContextInitializer(context).autoConfig();
        }
        String out = captured.toString(StandardCharsets.UTF_8);
        JsonNode line = null;
        for (String text : out.split("\n")) {
            if (text.contains("JulProbe")) {
                line = new ObjectMapper().readTree(text);
            }
        }
        assertTrue(line != null, "the JUL record came out: " + out);
        assertEquals("routed jul line", line.get("message").asText());
        assertEquals("WARN", line.get("level").asText());
        assertEquals("dev.strata.application.operations.JulProbe", line.get("logger_name").asText());
        assertTrue(line.has("@timestamp"), "the encoder's own fields");
        assertTrue(!out.contains("below the configured level"), "JUL levels follow Logback's");
    }

    private static void restore(String previous) {
        if (previous == null) {
            System.clearProperty("STRATA_LOG_FORMAT");
        } else {
            System.setProperty("STRATA_LOG_FORMAT", previous);
        }
    }
}
