package dev.strata.bootstrap.architecture;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.lang.ArchRule;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rules can fail: the same rule objects as {@link ArchitectureTest}, applied to planted violations
 * under {@value #CANARY_ROOT}. Also checks that the production import cannot see that fixture, nor
 * test jars, and that the annotations matched by name exist.
 */
class ArchitectureCanaryTest {
    private static final String CANARY_ROOT = "dev.strata.archcanary";
    private static final StrataRules RULES = StrataRules.forRoot(CANARY_ROOT);
    private static final String PLANTED_CLASS = "dev/strata/archcanary/domain/cache/CacheEntry.class";

    private static JavaClasses canary;

    @BeforeAll
    static void importThePlantedFixture() {
        canary = new ClassFileImporter().importPackages(CANARY_ROOT);
    }

    @Test
    void aJdbcTypeInTheCoreIsCaughtByTheExplicitBanThoughItIsJdk() {
        assertCaught(RULES.coreUsesNoFrameworkDriverOrLibrary, "CacheEntry", "java.sql.Timestamp");
        // rule 1 allows java.. and so lets java.sql through: that is why rule 2 names it
        assertFalse(RULES.coreDependsOnlyOnJdkAndInnerRings.evaluate(canary).hasViolation());
    }

    @Test
    void aClassInAPortPackageIsCaught() {
        assertCaught(RULES.portsAreInterfacesAndCommandsAreRecords, "CacheStoreSupport");
    }

    @Test
    void anAdapterUsingAnotherAdapterIsCaught() {
        assertCaught(RULES.adaptersAreIndependentAndNothingDependsOnBootstrap, "RedisCacheStore", "PostgresCacheStore");
    }

    @Test
    void aCycleBetweenAreasIsCaught() {
        assertCaught(RULES.areasAreAcyclicAndMeetThroughPorts, "domain.events", "domain.secrets");
    }

    @Test
    void reachingIntoAnotherAreasInternalsIsCaughtWhileItsUseCasesAreFine() {
        ArchRule rule = RULES.areasAreAcyclicAndMeetThroughPorts;
        assertCaught(rule, "WarmCache", "SessionLookups");
        // WarmCache also holds and calls FindSessionUseCase: no violation may be about that
        List<String> aboutTheUseCase = rule.evaluate(canary).getFailureReport().getDetails().stream()
                .filter(line -> line.contains("FindSessionUseCase") && !line.contains("SessionLookups"))
                .toList();
        assertTrue(aboutTheUseCase.isEmpty(), () -> "using another area's use case is allowed: " + aboutTheUseCase);
    }

    @Test
    void usingAnotherAreaOfAnInnerModuleIsCaught() {
        // application.sessions -> domain.cache: different modules, so the same-module check alone lets it through
        ArchRule rule = RULES.areasAreAcyclicAndMeetThroughPorts;
        List<String> acrossModules = rule.evaluate(canary).getFailureReport().getDetails().stream()
                .filter(line -> line.contains("SessionSnapshots") && line.contains("CacheEntry"))
                .toList();
        assertFalse(acrossModules.isEmpty(), "application.sessions using domain.cache should be reported");
        assertTrue(acrossModules.stream().allMatch(line -> line.contains("area 'sessions' of application uses area "
                + "'cache' of domain")), () -> "the failure should name both areas and modules: " + acrossModules);
    }

    @Test
    void acrossModulesOnlyTheOwnAreaSharedAndListedDependenciesPass() {
        StrataRules.AreaPath applicationSessions = new StrataRules.AreaPath("application", "sessions", false);
        assertTrue(StrataRules.violation(applicationSessions, new StrataRules.AreaPath("domain", "cache", true)) != null,
                "another area's port in another module is still another area");
        assertTrue(StrataRules.violation(applicationSessions, new StrataRules.AreaPath("domain", "sessions", true)) == null);
        assertTrue(StrataRules.violation(applicationSessions, new StrataRules.AreaPath("domain", "shared", false)) == null);
        assertTrue(StrataRules.violation(new StrataRules.AreaPath("adapters.http", "identity", false),
                new StrataRules.AreaPath("application", "ratelimits", true)) == null, "a listed dependency");
        assertTrue(StrataRules.violation(new StrataRules.AreaPath("domain", "shared", false),
                new StrataRules.AreaPath("domain", "identity", false)) != null, "the kernel knows no area");
    }

    @Test
    void packagesThatRulesNameButThatHoldNothingAreReported() {
        assertCaught(RULES.everyNamedPackageHasClasses, CANARY_ROOT + ".adapters.http..", CANARY_ROOT + ".bootstrap..");
    }

    @Test
    void theProductionImportSeesNeitherTheCanaryNorTestJars(@TempDir Path directory) throws IOException {
        List<ImportOption> options = productionImportOptions();
        assertTrue(new ClassFileImporter().withImportOptions(options).importPackages(CANARY_ROOT).isEmpty(),
                "the production import must not see the canary fixture");

        Path testJar = jarWithPlantedClass(directory.resolve("strata-domain-0.1.0-SNAPSHOT-tests.jar"));
        Path mainJar = jarWithPlantedClass(directory.resolve("strata-domain-0.1.0-SNAPSHOT.jar"));
        assertTrue(importJar(testJar, options).isEmpty(), "a -tests.jar must not be imported");
        assertFalse(importJar(mainJar, options).isEmpty(), "an ordinary jar must be imported");
    }

    @Test
    void theAnnotationsMatchedByNameExist() {
        // Micronaut Data is not on this classpath, so @MappedEntity and @JdbcRepository cannot be checked here.
        for (String annotation : List.of(StrataRules.CONTROLLER, StrataRules.FACTORY)) {
            assertDoesNotThrow(() -> Class.forName(annotation, false, getClass().getClassLoader()), annotation);
        }
    }

    private static void assertCaught(ArchRule rule, String... culprits) {
        AssertionError error = assertThrows(AssertionError.class, () -> rule.check(canary),
                "the rule should have caught the planted violation: " + rule.getDescription());
        String message = error.getMessage();
        for (String culprit : culprits) {
            assertTrue(message.contains(culprit), "the failure should name " + culprit + ":\n" + message);
        }
    }

    /** Exactly the options ArchitectureTest imports with, so that the two cannot drift apart. */
    private static List<ImportOption> productionImportOptions() {
        List<ImportOption> options = new ArrayList<>();
        for (Class<? extends ImportOption> type : ArchitectureTest.class.getAnnotation(AnalyzeClasses.class).importOptions()) {
            try {
                options.add(type.getDeclaredConstructor().newInstance());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot create import option " + type, e);
            }
        }
        return options;
    }

    private static JavaClasses importJar(Path jar, List<ImportOption> options) throws IOException {
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            return new ClassFileImporter().withImportOptions(options).importLocations(List.of(Location.of(jarFile)));
        }
    }

    private Path jarWithPlantedClass(Path jar) throws IOException {
        try (OutputStream file = Files.newOutputStream(jar);
             JarOutputStream out = new JarOutputStream(file);
             InputStream planted = getClass().getClassLoader().getResourceAsStream(PLANTED_CLASS)) {
            if (planted == null) {
                throw new IllegalStateException("planted class not on the test classpath: " + PLANTED_CLASS);
            }
            out.putNextEntry(new JarEntry(PLANTED_CLASS));
            planted.transferTo(out);
            out.closeEntry();
        }
        return jar;
    }
}
