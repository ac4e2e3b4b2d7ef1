package dev.strata.bootstrap.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleName;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.core.domain.properties.CanBeAnnotated.Predicates.annotatedWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.PackageMatcher;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Architecture rules of Strata, built for a root package. The production test applies them to
 * {@value #ROOT}; the canary applies the very same rule objects to a planted fixture under another
 * root, which shows that the rules can fail.
 *
 * <p>Every rule tolerates an empty selection on its own ({@code allowEmptyShould}): emptiness is
 * asserted in one place instead, by {@link #everyNamedPackageHasClasses}, against the list in
 * {@link #requirements()}. Rules therefore report real violations only, and one rule reports what
 * is missing.
 */
final class StrataRules {

    /** The root package of the production code. */
    static final String ROOT = "dev.strata";

    /** The areas: each is a package in every module. {@value #SHARED} is the kernel all of them may use. */
    static final List<String> AREAS = List.of("cache", "identity", "sessions", "ratelimits", "vectors", "secrets", "events", "conversations", "jobs");

    /**
     * Areas whose use cases exist so far. Every area has its domain model and ports from the start;
     * an area's application package joins this list in the change that brings its first use case.
     */
    static final List<String> AREAS_WITH_USE_CASES = List.of("identity", "sessions", "ratelimits", "events", "cache", "secrets", "conversations", "vectors", "jobs");
    static final String SHARED = "shared";

    /** A dependency of one area on another that the rules allow in every module, with the reason for it. */
    record AreaDependency(String from, String to, String reason) {
    }

    /**
     * The only dependencies between two different areas that may bypass the ports: each is named here with its
     * reason, and anything else between areas goes through ports and {@value #SHARED}.
     */
    static final List<AreaDependency> ALLOWED_AREA_DEPENDENCIES = List.of(
            new AreaDependency("identity", "ratelimits", "the auth endpoints are guarded by rate limits: they "
                    + "consume the guard policies of the rate-limit use case and answer with its RateLimit-* headers"),
            new AreaDependency("identity", "sessions", "identity acts on the sessions of its users and clients: a login "
                    + "opens a session and its refresh token, /v1/auth refreshes and ends them, a password reset ends "
                    + "the user's sessions, and deleting a client revokes its access at once (the access view)"),
            new AreaDependency("identity", "events", "a password-reset request is recorded as an event (the audit "
                    + "fact); events are how areas tell each other what happened"),
            new AreaDependency("events", "sessions", "the server-sent event feed re-checks, while it streams, that "
                    + "its caller's client or session is still allowed (the watch-access use case)"),
            new AreaDependency("secrets", "events", "every create, rotation, promotion, deletion and rotation "
                    + "reminder of a secret is an event on topic secrets, appended in the change's transaction"),
            new AreaDependency("operations", "cache", "the dashboard's cache actions (invalidate a namespace or a tag) "
                    + "call the cache area's invalidation use cases with its namespace and tag values, and audit them"),
            new AreaDependency("conversations", "cache", "conversations cache their views through the cache engine: "
                    + "its use cases take the cache area's keys and values, and the engine instance that serves the "
                    + "conversations' namespaces is given their fixed settings (a namespace-settings store)"),
            new AreaDependency("conversations", "events", "every change of a conversation is an event appended in "
                    + "the change's transaction, and a conversation's stream is the events feed filtered to it"),
            new AreaDependency("conversations", "ratelimits", "posting a message is guarded by a per-user rate-limit "
                    + "policy of the rate-limit use case, answered with its RateLimit-* headers"),
            new AreaDependency("jobs", "events", "every state change of a job is an event on topic jobs.{q}, appended "
                    + "to the event log in the same transaction as the change"));

    /* Annotations are matched by name, so that the rules compile without Micronaut Data on the classpath. */
    static final String CONTROLLER = "io.micronaut.http.annotation.Controller";
    static final String FACTORY = "io.micronaut.context.annotation.Factory";
    static final String MAPPED_ENTITY = "io.micronaut.data.annotation.MappedEntity";
    static final String JDBC_REPOSITORY = "io.micronaut.data.jdbc.annotation.JdbcRepository";

    /** A library or framework, by the packages its types live in. */
    record Technology(String name, List<String> packages) {
        Technology(String name, String... packages) {
            this(name, List.of(packages));
        }

        String[] packageArray() {
            return packages.toArray(String[]::new);
        }

        @Override
        public String toString() {
            return name + " " + packages;
        }
    }

    static final Technology MICRONAUT = new Technology("Micronaut", "io.micronaut..");
    static final Technology JAKARTA = new Technology("Jakarta / JSR-330 / Bean Validation",
            "jakarta..", "javax.inject..", "javax.validation..", "javax.persistence..");
    static final Technology LETTUCE = new Technology("Lettuce", "io.lettuce..", "io.micronaut.configuration.lettuce..");
    static final Technology NETTY = new Technology("Netty", "io.netty..");
    static final Technology JDBC = new Technology("JDBC",
            "java.sql..", "javax.sql..", "org.postgresql..", "com.zaxxer.hikari..", "io.micronaut.jdbc..");
    static final Technology MICRONAUT_DATA = new Technology("Micronaut Data", "io.micronaut.data..", "io.micronaut.transaction..");
    static final Technology PGVECTOR = new Technology("pgvector", "com.pgvector..");
    static final Technology FLYWAY = new Technology("Flyway", "org.flywaydb..", "io.micronaut.flyway..");
    static final Technology MICRONAUT_HTTP = new Technology("Micronaut HTTP", "io.micronaut.http..", "io.micronaut.web.router..");
    static final Technology MICRONAUT_SECURITY = new Technology("Micronaut Security / JOSE", "io.micronaut.security..", "com.nimbusds..");
    static final Technology JACKSON = new Technology("Jackson", "com.fasterxml..");
    static final Technology LOMBOK = new Technology("Lombok", "lombok..");
    static final Technology SPRING = new Technology("Spring", "org.springframework..");

    /**
     * Explicit bans, one per technology, so that a failure names the technology and the offending type.
     * Micronaut and Jakarta: use cases are built by hand in bootstrap factories, and Bean Validation
     * belongs on HTTP request records. Lettuce, Netty, JDBC, pgvector, Flyway: drivers stay in their
     * adapters, which translate driver exceptions. Jackson: serialised forms stay at the edges.
     * Lombok: the core uses records and runs no annotation processor. Spring: no second container.
     */
    private static final List<Technology> BANNED_IN_CORE = List.of(
            MICRONAUT, JAKARTA, LETTUCE, NETTY, JDBC, PGVECTOR, FLYWAY, JACKSON, LOMBOK, SPRING);

    final String root;
    final String domain;
    final String application;
    final String redis;
    final String postgres;
    final String http;
    final String bootstrap;

    /** 1. The core depends inward only. */
    final ArchRule coreDependsOnlyOnJdkAndInnerRings;
    /** 2. No framework, driver or library in the core, one named technology at a time. */
    final ArchRule coreUsesNoFrameworkDriverOrLibrary;
    /** 3. Ports are contracts; commands and queries are records. */
    final ArchRule portsAreInterfacesAndCommandsAreRecords;
    /** 4. Driving ports do not know the services behind them. */
    final ArchRule useCasePortsDoNotDependOnServices;
    /** 5. Adapters use ports, never services; driven adapters never touch application. */
    final ArchRule adaptersUsePortsNotServices;
    /** 6. Adapter modules are independent; bootstrap is the outermost ring. */
    final ArchRule adaptersAreIndependentAndNothingDependsOnBootstrap;
    /** 7. Each technology stays in its adapter. */
    final ArchRule technologiesStayInTheirAdapter;
    /** 8. Framework stereotypes live where they belong. */
    final ArchRule stereotypesLiveInTheirModule;
    /** 9. Areas form no cycles and meet only through ports and the shared kernel. */
    final ArchRule areasAreAcyclicAndMeetThroughPorts;
    /** 10a. Every package and selector a rule names has classes. */
    final ArchRule everyNamedPackageHasClasses;

    private StrataRules(String root) {
        this.root = root;
        this.domain = root + ".domain..";
        this.application = root + ".application..";
        this.redis = root + ".adapters.redis..";
        this.postgres = root + ".adapters.postgres..";
        this.http = root + ".adapters.http..";
        this.bootstrap = root + ".bootstrap..";

        coreDependsOnlyOnJdkAndInnerRings = coreDependsOnlyOnJdkAndInnerRings();
        coreUsesNoFrameworkDriverOrLibrary = coreUsesNoFrameworkDriverOrLibrary();
        portsAreInterfacesAndCommandsAreRecords = portsAreInterfacesAndCommandsAreRecords();
        useCasePortsDoNotDependOnServices = useCasePortsDoNotDependOnServices();
        adaptersUsePortsNotServices = adaptersUsePortsNotServices();
        adaptersAreIndependentAndNothingDependsOnBootstrap = adaptersAreIndependentAndNothingDependsOnBootstrap();
        technologiesStayInTheirAdapter = technologiesStayInTheirAdapter();
        stereotypesLiveInTheirModule = stereotypesLiveInTheirModule();
        areasAreAcyclicAndMeetThroughPorts = areasAreAcyclicAndMeetThroughPorts();
        everyNamedPackageHasClasses = classes().should(coverEvery(requirements()))
                .because("a rule aimed at a package or selector that matches nothing passes while checking nothing");
    }

    /** The rules for the production code. */
    static StrataRules strata() {
        return forRoot(ROOT);
    }

    /** The same rules for another root: the canary's planted fixture. */
    static StrataRules forRoot(String root) {
        return new StrataRules(root);
    }

    // ---- 1 ------------------------------------------------------------------------------------

    private ArchRule coreDependsOnlyOnJdkAndInnerRings() {
        ArchRule domainRule = classes().that().resideInAPackage(domain)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", domain);
        ArchRule applicationRule = classes().that().resideInAPackage(application)
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "javax.crypto..", "org.bouncycastle.crypto..",
                        domain, application);
        return CompositeArchRule.of(lenient(domainRule)).and(lenient(applicationRule))
                .because("the core is plain Java with its arrows pointing inward: domain knows only the JDK, "
                        + "application only the JDK and domain; application may also use Bouncy Castle's "
                        + "org.bouncycastle.crypto (Argon2id for passwords), a pure-Java crypto primitive like "
                        + "javax.crypto: no I/O, not a framework or a driver");
    }

    // ---- 2 ------------------------------------------------------------------------------------

    private ArchRule coreUsesNoFrameworkDriverOrLibrary() {
        List<ArchRule> bans = BANNED_IN_CORE.stream().map(this::coreMustNotUse).toList();
        CompositeArchRule rule = CompositeArchRule.of(bans.get(0));
        for (ArchRule ban : bans.subList(1, bans.size())) {
            rule = rule.and(ban);
        }
        return rule.as(String.format("no classes in %s or %s should use any of %s", domain, application, BANNED_IN_CORE))
                .because("domain and application are plain Java. java.sql is banned too: it is part of the JDK "
                        + "and so passes rule 1, but it is the JDBC API, and Timestamp, ResultSet or SQLException "
                        + "in the core would tie it to a relational store and leak driver exceptions inward; the "
                        + "core uses java.time and exceptions declared next to its ports");
    }

    private ArchRule coreMustNotUse(Technology technology) {
        return lenient(noClasses().that().resideInAnyPackage(domain, application)
                .should().dependOnClassesThat().resideInAnyPackage(technology.packageArray())
                .as(String.format("no classes in %s or %s should use %s", domain, application, technology)));
    }

    // ---- 3 ------------------------------------------------------------------------------------

    private ArchRule portsAreInterfacesAndCommandsAreRecords() {
        ArchRule portsAreInterfaces = classes().that().resideInAPackage(root + "..port..")
                .and().doNotHaveSimpleName("package-info")
                // the body of an anonymous class belongs to the type it is declared in, which is checked itself
                .and().areNotAnonymousClasses()
                .should().beInterfaces()
                .orShould().beRecords()
                .orShould().beEnums()
                .orShould().beAssignableTo(Throwable.class);
        ArchRule commandsAreRecords = classes()
                .that(simpleNameEndingWith("Command").or(simpleNameEndingWith("Query"))
                        .and(resideInAnyPackage(domain, application))
                        .as("are named *Command or *Query in %s or %s", domain, application))
                .should().beRecords();
        return CompositeArchRule.of(lenient(portsAreInterfaces)).and(lenient(commandsAreRecords))
                .because("ports are contracts that services and adapters implement, so a port package holds "
                        + "interfaces plus the records, enums and exceptions of their signatures; commands and "
                        + "queries are immutable values that validate themselves");
    }

    // ---- 4 ------------------------------------------------------------------------------------

    private ArchRule useCasePortsDoNotDependOnServices() {
        return lenient(noClasses().that().resideInAPackage(root + ".application..port..")
                .should().dependOnClassesThat(applicationServices()))
                .because("a use case is an interface its callers see; the service implementing it can change "
                        + "without the port or its callers noticing");
    }

    /** The implementations of use cases: application classes named *Service, outside the port packages. */
    private DescribedPredicate<JavaClass> applicationServices() {
        return resideInAPackage(application).and(resideOutsideOfPackage(root + "..port.."))
                .and(simpleNameEndingWith("Service"))
                .as("are named *Service in %s", application);
    }

    // ---- 5 ------------------------------------------------------------------------------------

    private ArchRule adaptersUsePortsNotServices() {
        ArchRule noServices = lenient(noClasses().that().resideInAPackage(root + ".adapters..")
                .should().dependOnClassesThat(applicationServices()));
        ArchRule drivenAdaptersStayOffApplication = lenient(noClasses().that().resideInAnyPackage(redis, postgres)
                .should().dependOnClassesThat().resideInAPackage(application));
        return CompositeArchRule.of(noServices).and(drivenAdaptersStayOffApplication)
                .because("the HTTP adapter drives the core through use-case interfaces, and the Redis and "
                        + "Postgres adapters are driven: they implement domain ports and know nothing of use cases");
    }

    // ---- 6 ------------------------------------------------------------------------------------

    private ArchRule adaptersAreIndependentAndNothingDependsOnBootstrap() {
        ArchRule independent = lenient(slices().matching(root + ".adapters.(*)..")
                .namingSlices("adapter '$1'")
                .should().notDependOnEachOther());
        ArchRule bootstrapIsOutermost = lenient(noClasses()
                .that().resideInAPackage(root + "..").and().resideOutsideOfPackage(bootstrap)
                .should().dependOnClassesThat().resideInAPackage(bootstrap));
        return CompositeArchRule.of(independent).and(bootstrapIsOutermost)
                .because("each adapter can be replaced on its own, and bootstrap assembles everything, "
                        + "so nothing may point back at it");
    }

    // ---- 7 ------------------------------------------------------------------------------------

    private ArchRule technologiesStayInTheirAdapter() {
        return CompositeArchRule.of(onlyIn(redis, LETTUCE))
                .and(onlyIn(postgres, JDBC))
                .and(onlyIn(postgres, MICRONAUT_DATA))
                .and(onlyIn(postgres, PGVECTOR))
                .and(onlyIn(postgres, FLYWAY))
                .and(onlyIn(http, MICRONAUT_HTTP))
                .and(onlyIn(http, MICRONAUT_SECURITY))
                .because("a technology used in one place is replaced, upgraded and tested in one place; "
                        + "bootstrap wires adapters together but does not use their technologies itself");
    }

    private ArchRule onlyIn(String home, Technology technology) {
        return lenient(noClasses().that().resideInAPackage(root + "..").and().resideOutsideOfPackage(home)
                .should().dependOnClassesThat().resideInAnyPackage(technology.packageArray())
                .as(String.format("%s should be used only in %s", technology, home)));
    }

    // ---- 8 ------------------------------------------------------------------------------------

    private ArchRule stereotypesLiveInTheirModule() {
        ArchRule controllers = lenient(classes().that(inRoot().and(annotatedWith(CONTROLLER)))
                .should().resideInAPackage(http)
                .andShould().haveSimpleNameEndingWith("Controller"));
        ArchRule persistence = lenient(classes()
                .that(inRoot().and(annotatedWith(MAPPED_ENTITY).or(annotatedWith(JDBC_REPOSITORY))))
                .should().resideInAPackage(postgres)
                .andShould().notBePublic());
        ArchRule factories = lenient(classes().that(inRoot().and(annotatedWith(FACTORY)))
                .should().resideInAPackage(bootstrap));
        return CompositeArchRule.of(controllers).and(persistence).and(factories)
                .because("controllers are the HTTP edge, Micronaut Data entities and repositories are Postgres "
                        + "internals behind domain ports, and use cases meet the container only in bootstrap "
                        + "factories");
    }

    // ---- 9 ------------------------------------------------------------------------------------

    private ArchRule areasAreAcyclicAndMeetThroughPorts() {
        ArchRule acyclic = lenient(slices().assignedFrom(areaSlices()).should().beFreeOfCycles());
        ArchRule throughPorts = lenient(classes().that(inRoot()).should(useOtherAreasOnlyThroughTheirPorts()));
        return CompositeArchRule.of(acyclic).and(throughPorts)
                .because("areas evolve and can be split apart only while their dependencies form no cycle and "
                        + "go through ports and the shared kernel; the kernel itself knows no area");
    }

    /** One slice per area of each module ({@code domain.cache}, {@code adapters.redis.sessions}, ...). */
    private SliceAssignment areaSlices() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                return AreaPath.of(root, javaClass).map(path -> SliceIdentifier.of(path.slice()))
                        .orElse(SliceIdentifier.ignore());
            }

            @Override
            public String getDescription() {
                return "area slices <module>.<area> of " + root;
            }
        };
    }

    /**
     * Within one module, area A may use area B only through B's {@code port} package (that is, in
     * application, B's use cases), and {@code shared} uses no area at all. Domain areas may share
     * their model (port signatures need it) as long as they form no cycle; bootstrap wires every area.
     * Across modules an area may use its own area and {@code shared} of the inner modules, nothing of
     * another area: {@code application.sessions} using {@code domain.cache} is as much a reach into
     * another area as using {@code application.cache}. The only exceptions are
     * {@link #ALLOWED_AREA_DEPENDENCIES}, each with its reason.
     */
    private ArchCondition<JavaClass> useOtherAreasOnlyThroughTheirPorts() {
        return new ArchCondition<>("use another area only through its ports in their own module, in other "
                + "modules not at all (unless listed with a reason), and from the shared kernel not at all") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                Optional<AreaPath> from = AreaPath.of(root, origin);
                if (from.isEmpty() || from.get().area() == null || from.get().module().equals("bootstrap")) {
                    return;
                }
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    AreaPath to = AreaPath.of(root, dependency.getTargetClass()).orElse(null);
                    String violation = violation(from.get(), to);
                    if (violation != null) {
                        events.add(SimpleConditionEvent.violated(dependency,
                                dependency.getDescription() + ": " + violation));
                    }
                }
            }
        };
    }

    static String violation(AreaPath from, AreaPath to) {
        if (to == null || to.area() == null || !AREAS.contains(to.area()) || from.area().equals(to.area())
                || to.module().equals("bootstrap")) {
            return null;
        }
        if (from.area().equals(SHARED)) {
            return "the shared kernel of " + from.module() + " uses area '" + to.area() + "' of " + to.module();
        }
        if (!AREAS.contains(from.area()) || allowed(from.area(), to.area())) {
            return null;
        }
        if (from.module().equals(to.module())) {
            if (from.module().equals("domain") || (from.module().equals("application") && to.inPort())) {
                return null;
            }
            return "area '" + from.area() + "' reaches into the internals of area '" + to.area() + "' in " + from.module();
        }
        return "area '" + from.area() + "' of " + from.module() + " uses area '" + to.area() + "' of " + to.module()
                + ": across modules an area uses only its own area and " + SHARED;
    }

    private static boolean allowed(String fromArea, String toArea) {
        return ALLOWED_AREA_DEPENDENCIES.stream().anyMatch(d -> d.from().equals(fromArea) && d.to().equals(toArea));
    }

    /** Where a class sits: module ({@code domain}, {@code adapters.redis}, ...), area, and whether in a port package. */
    record AreaPath(String module, String area, boolean inPort) {
        static Optional<AreaPath> of(String root, JavaClass javaClass) {
            String name = javaClass.getPackageName();
            if (!name.startsWith(root + ".")) {
                return Optional.empty();
            }
            String[] segments = name.substring(root.length() + 1).split("\\.");
            int areaIndex;
            String module;
            if (segments[0].equals("adapters") && segments.length > 1) {
                module = "adapters." + segments[1];
                areaIndex = 2;
            } else if (List.of("domain", "application", "bootstrap").contains(segments[0])) {
                module = segments[0];
                areaIndex = 1;
            } else {
                return Optional.empty();
            }
            String area = segments.length > areaIndex ? segments[areaIndex] : null;
            boolean inPort = segments.length > areaIndex + 1 && segments[areaIndex + 1].equals("port");
            return Optional.of(new AreaPath(module, area, inPort));
        }

        String slice() {
            return area == null ? module : module + "." + area;
        }
    }

    // ---- 10a ----------------------------------------------------------------------------------

    /** Something a rule relies on to select classes, which must select at least one real type. */
    record Requirement(String description, DescribedPredicate<? super JavaClass> selector) {
        @Override
        public String toString() {
            return description;
        }
    }

    /**
     * Every package and selector the rules name, in one place. Deliberately absent: the technologies
     * the core must not use (they must match nothing), and Micronaut Data's {@code @MappedEntity} /
     * {@code @JdbcRepository}, Flyway and pgvector, which the Postgres adapter may legitimately do without.
     */
    List<Requirement> requirements() {
        List<Requirement> requirements = new ArrayList<>();
        for (String module : List.of(domain, application, redis, postgres, http, bootstrap)) {
            requirements.add(inPackage(module));
        }
        requirements.add(inPackage(root + ".domain." + SHARED + ".."));
        for (String area : AREAS) {
            requirements.add(inPackage(root + ".domain." + area + ".."));
            requirements.add(inPackage(root + ".domain." + area + ".port.."));
        }
        for (String area : AREAS_WITH_USE_CASES) {
            requirements.add(inPackage(root + ".application." + area + ".."));
            requirements.add(inPackage(root + ".application." + area + ".port.."));
        }
        requirements.add(inPackage(root + ".domain..port.."));
        requirements.add(inPackage(root + ".application..port.."));
        requirements.add(new Requirement("a use-case service (*Service in " + application + ", outside port packages)",
                applicationServices()));
        requirements.add(new Requirement("a *Command or *Query in " + application,
                resideInAPackage(application).and(simpleNameEndingWith("Command").or(simpleNameEndingWith("Query")))));
        requirements.add(new Requirement("a class annotated with @" + CONTROLLER,
                inRoot().and(annotatedWith(CONTROLLER))));
        requirements.add(new Requirement("a class annotated with @" + FACTORY,
                inRoot().and(annotatedWith(FACTORY))));
        requirements.add(uses(redis, LETTUCE));
        requirements.add(uses(postgres, JDBC));
        requirements.add(uses(http, MICRONAUT_HTTP));
        requirements.add(uses(http, MICRONAUT_SECURITY));
        return List.copyOf(requirements);
    }

    private static Requirement inPackage(String packageIdentifier) {
        return new Requirement("a type in " + packageIdentifier, resideInAPackage(packageIdentifier));
    }

    /** Guards a technology rule against misspelt packages: the home adapter really uses them. */
    private static Requirement uses(String home, Technology technology) {
        List<PackageMatcher> matchers = technology.packages().stream().map(PackageMatcher::of).toList();
        DescribedPredicate<JavaClass> usesIt = describe("uses " + technology, javaClass ->
                javaClass.getDirectDependenciesFromSelf().stream().anyMatch(dependency -> matchers.stream()
                        .anyMatch(matcher -> matcher.matches(dependency.getTargetClass().getPackageName()))));
        return new Requirement("a class in " + home + " that uses " + technology, resideInAPackage(home).and(usesIt));
    }

    private static ArchCondition<JavaClass> coverEvery(List<Requirement> requirements) {
        DescribedPredicate<JavaClass> realType = not(simpleName("package-info"));
        return new ArchCondition<>("together contain, for every package and selector a rule names, at least "
                + "one type (package-info does not count)") {
            private final List<JavaClass> seen = new ArrayList<>();

            @Override
            public void init(Collection<JavaClass> allObjectsToTest) {
                seen.clear();
                seen.addAll(allObjectsToTest);
            }

            @Override
            public void check(JavaClass item, ConditionEvents events) {
                // judged as a whole in finish
            }

            @Override
            public void finish(ConditionEvents events) {
                for (Requirement requirement : requirements) {
                    boolean found = seen.stream().anyMatch(c -> realType.test(c) && requirement.selector().test(c));
                    if (!found) {
                        events.add(SimpleConditionEvent.violated(requirement, "nothing is " + requirement
                                + ": the rules naming it would pass while checking nothing"));
                    }
                }
            }
        };
    }

    // ---- helpers ------------------------------------------------------------------------------

    private DescribedPredicate<JavaClass> inRoot() {
        return resideInAPackage(root + "..");
    }

    /** Emptiness is asserted once, by {@link #everyNamedPackageHasClasses}; see the class comment. */
    private static ArchRule lenient(ArchRule rule) {
        return rule.allowEmptyShould(true);
    }
}
