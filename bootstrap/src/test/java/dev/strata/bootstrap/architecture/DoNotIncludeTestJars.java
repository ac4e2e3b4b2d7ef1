package dev.strata.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.regex.Pattern;

/**
 * Import option: leaves out test artifacts packaged as jars (Maven's {@code -tests.jar}, Gradle's
 * {@code -test-fixtures.jar}), such as the domain test-jar with its in-memory fakes and port
 * contracts. {@link ImportOption.DoNotIncludeTests} only recognises test-class directories.
 */
public final class DoNotIncludeTestJars implements ImportOption {
    private static final Pattern TEST_JAR = Pattern.compile(".*-(tests|test-fixtures)\\.jar!/.*");

    @Override
    public boolean includes(Location location) {
        return !location.matches(TEST_JAR);
    }
}
