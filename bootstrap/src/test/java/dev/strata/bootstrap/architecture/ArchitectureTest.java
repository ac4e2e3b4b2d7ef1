package dev.strata.bootstrap.architecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Architecture rules over the production classes of every module (test classes, the domain
 * test-jar and the canary fixture are not imported). The rules themselves live in
 * {@link StrataRules}, so that {@link ArchitectureCanaryTest} can show each kind of rule failing.
 */
@AnalyzeClasses(packages = StrataRules.ROOT,
        importOptions = {ImportOption.DoNotIncludeTests.class, DoNotIncludeTestJars.class})
class ArchitectureTest {
    private static final StrataRules RULES = StrataRules.strata();

    /** 1. domain depends only on the JDK and domain; application only on the JDK, domain and application. */
    @ArchTest
    static final ArchRule core_depends_only_on_the_jdk_and_inner_rings = RULES.coreDependsOnlyOnJdkAndInnerRings;

    /** 2. No Micronaut, Jakarta, Lettuce, Netty, JDBC (java.sql included), Jackson, Lombok or Spring in the core. */
    @ArchTest
    static final ArchRule core_uses_no_framework_driver_or_library = RULES.coreUsesNoFrameworkDriverOrLibrary;

    /** 3. Port packages hold interfaces (and records, enums, exceptions); *Command and *Query are records. */
    @ArchTest
    static final ArchRule ports_are_interfaces_and_commands_are_records = RULES.portsAreInterfacesAndCommandsAreRecords;

    /** 4. Use-case ports do not depend on the services implementing them. */
    @ArchTest
    static final ArchRule use_case_ports_do_not_depend_on_services = RULES.useCasePortsDoNotDependOnServices;

    /** 5. Adapters never use *Service classes; the Redis and Postgres adapters do not use application at all. */
    @ArchTest
    static final ArchRule adapters_use_ports_not_services = RULES.adaptersUsePortsNotServices;

    /** 6. Adapter modules do not depend on each other, and nothing depends on bootstrap. */
    @ArchTest
    static final ArchRule adapters_are_independent_and_nothing_depends_on_bootstrap =
            RULES.adaptersAreIndependentAndNothingDependsOnBootstrap;

    /** 7. Lettuce only in the Redis adapter; JDBC, Micronaut Data, pgvector, Flyway only in Postgres; HTTP only in HTTP. */
    @ArchTest
    static final ArchRule technologies_stay_in_their_adapter = RULES.technologiesStayInTheirAdapter;

    /** 8. @Controller in adapters.http named *Controller; @MappedEntity/@JdbcRepository in adapters.postgres, not public; @Factory in bootstrap. */
    @ArchTest
    static final ArchRule stereotypes_live_in_their_module = RULES.stereotypesLiveInTheirModule;

    /** 9. Area slices are free of cycles; areas meet only through ports and the shared kernel, in one module and across modules. */
    @ArchTest
    static final ArchRule areas_are_acyclic_and_meet_through_ports = RULES.areasAreAcyclicAndMeetThroughPorts;

    /** 10a. Every package and selector the rules name has classes (10b, the canary, is ArchitectureCanaryTest). */
    @ArchTest
    static final ArchRule every_named_package_has_classes = RULES.everyNamedPackageHasClasses;
}
