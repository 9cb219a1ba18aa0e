package dev.parley.server;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.RandomAccessFile;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.util.Set;

/**
 * The allowed directions between Parley's modules and between parley-core's packages (ADR 0022). Every
 * main class of every module is imported (parley-server sees them all); a forbidden import fails the build
 * with the offending class, member and line.
 */
@AnalyzeClasses(packages = "dev.parley", importOptions = ImportOption.DoNotIncludeTests.class)
class DependencyRulesTest {

    /** Packages that know no feature: everything else in core may use them, they use none of it. */
    private static final String[] FEATURE_FREE = {
        "dev.parley.core.paging..", "dev.parley.core.id..", "dev.parley.core.error..", "dev.parley.core.address.."
    };

    /** The transaction's store registry: above every feature, named by the services that open transactions. */
    private static final String TX = "dev.parley.core.tx..";

    private static final String[] OTHER_MODULES = {
        "dev.parley.store..", "dev.parley.http..", "dev.parley.channels..", "dev.parley.server..",
        "dev.parley.twilio..", "dev.parley.testing..", "dev.parley.outbound.."
    };

    /**
     * Core classes that name a networking type without opening anything: the {@code HttpTransport} port and its
     * caller speak of {@code java.net.http.HttpTimeoutException}, and the deny list matches {@code InetAddress}
     * values. The connections themselves are parley-outbound's (ADR 21).
     */
    private static final Set<String> NAMES_NETWORK_TYPES = Set.of(
            "dev.parley.core.webhook.HttpTransport",
            "dev.parley.core.webhook.WebhookClient",
            "dev.parley.core.media.DenyList");

    private static final DescribedPredicate<JavaClass> NETWORK_TYPES_NAMED = describe(
            "a port or rule that names a networking type",
            c -> NAMES_NETWORK_TYPES.contains(c.getName().split("\\$")[0]));

    /**
     * Core classes that read a file themselves. Only {@code PriceTable.load}: the operator's price table
     * ({@code PARLEY_PRICES_FILE}), read once before start-up, where a bad line must stop the server with its line
     * number; it writes nothing and keeps nothing open.
     */
    private static final Set<String> READS_A_FILE = Set.of("dev.parley.core.billing.PriceTable");

    private static final DescribedPredicate<JavaClass> FILE_READ_NAMED = describe(
            "a class that reads its configuration file", c -> READS_A_FILE.contains(c.getName().split("\\$")[0]));

    @ArchTest
    static final ArchRule featureFreePackagesImportNoFeature = noClasses()
            .that().resideInAnyPackage(FEATURE_FREE)
            .should().dependOnClassesThat(resideInAPackage("dev.parley..").and(resideOutsideOfPackages(FEATURE_FREE)))
            .because("paging, ids, errors and addresses sit below every feature; a feature type there makes a cycle");

    @ArchTest
    static final ArchRule jobQueueImportsNoFeature = noClasses()
            .that().resideInAPackage("dev.parley.core.queue..")
            .should().dependOnClassesThat(resideInAPackage("dev.parley..")
                    .and(resideOutsideOfPackages(concat(FEATURE_FREE, "dev.parley.core.queue..", TX))))
            .because("the job queue runs every feature's jobs and knows none of them; handlers plug in from above");

    /**
     * No cycles between core's top-level packages. Dependencies on {@code core.tx} are left out: the registry
     * names every feature's store and every feature opens transactions through it, which is its purpose; with
     * those edges left out the registry sits on top and any other cycle still fails here.
     *
     * <p>Two known edges from {@code media} up into features, both read through the registry, are left out until
     * they move (ADR 0022): the media list checks its message ({@code MediaService} to {@code message}) and stored
     * media URLs resolve conversation media ({@code StoredMediaUrls} to {@code conversation}).
     */
    @ArchTest
    static final ArchRule corePackagesFormNoCycle = slices()
            .matching("dev.parley.core.(*)..")
            .should().beFreeOfCycles()
            .ignoreDependency(alwaysTrue(), resideInAPackage(TX))
            .ignoreDependency(inClass("dev.parley.core.media.MediaService"),
                    resideInAPackage("dev.parley.core.message.."))
            .ignoreDependency(inClass("dev.parley.core.media.StoredMediaUrls"),
                    resideInAPackage("dev.parley.core.conversation.."));

    /**
     * Carrier connections ({@code core.connection}: {@code /parley/v1/Channels}, the supervisor, prefix routing and
     * failover) sit above messaging: they build channels and read numbers' channel names; the packages below reach
     * channels only by name ({@code number.ChannelNames}) or through the {@code message.channel} SPI.
     */
    @ArchTest
    static final ArchRule connectionsSitAboveMessaging = noClasses()
            .that().resideInAnyPackage("dev.parley.core.number..", "dev.parley.core.throughput..",
                    "dev.parley.core.service..", "dev.parley.core.message..", "dev.parley.core.account..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.core.connection..")
            .because("the order is number < throughput < service < message < connection (ADR 0023)");

    @ArchTest
    static final ArchRule coreImportsNoFrameworkNorOtherModule = noClasses()
            .that().resideInAPackage("dev.parley.core..")
            .should().dependOnClassesThat().resideInAnyPackage(concat(OTHER_MODULES,
                    "io.javalin..", "org.eclipse.jetty..", "org.jooq..", "java.sql..", "javax.sql..",
                    "org.flywaydb..", "com.zaxxer.."))
            .because("parley-core is the domain and its ports; HTTP, SQL and wiring live in the modules around it");

    @ArchTest
    static final ArchRule coreOpensNoConnection = noClasses()
            .that().resideInAPackage("dev.parley.core..").and(not(NETWORK_TYPES_NAMED))
            .should().dependOnClassesThat().resideInAnyPackage("java.net.http..", "javax.net..", "java.nio.channels..")
            .orShould().dependOnClassesThat().belongToAnyOf(
                    Socket.class, ServerSocket.class, InetAddress.class, InetSocketAddress.class)
            .because("outbound HTTP, TLS and sockets are an adapter's job, behind core's ports");

    @ArchTest
    static final ArchRule coreTouchesNoFileSystem = noClasses()
            .that().resideInAPackage("dev.parley.core..").and(not(FILE_READ_NAMED))
            .should().dependOnClassesThat().belongToAnyOf(Files.class, File.class, FileInputStream.class,
                    FileOutputStream.class, RandomAccessFile.class)
            .because("media bytes live behind core's MediaFiles port; the folder itself is parley-outbound's"
                    + " FileSystemMediaFiles");

    @ArchTest
    static final ArchRule httpImportsNoStore = noClasses()
            .that().resideInAPackage("dev.parley.http..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.parley.store..", "dev.parley.channels..",
                    "dev.parley.server..", "org.jooq..", "java.sql..", "javax.sql..")
            .because("routes call core's services; only parley-server knows which store and channels exist");

    @ArchTest
    static final ArchRule storeImportsNoHttp = noClasses()
            .that().resideInAPackage("dev.parley.store..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.parley.http..", "dev.parley.channels..",
                    "dev.parley.server..", "io.javalin..", "org.eclipse.jetty..")
            .because("parley-store implements core's store ports and nothing else");

    @ArchTest
    static final ArchRule channelsImportNoStoreNorHttp = noClasses()
            .that().resideInAPackage("dev.parley.channels..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.parley.store..", "dev.parley.http..",
                    "dev.parley.server..", "io.javalin..", "org.jooq..", "java.sql..")
            .because("a channel adapter implements core's channel port and nothing else");

    @ArchTest
    static final ArchRule onlyTheServerKnowsTheServer = noClasses()
            .that().resideOutsideOfPackage("dev.parley.server..")
            .should().dependOnClassesThat().resideInAPackage("dev.parley.server..")
            .because("parley-server is the composition root: everything is wired there, nothing depends on it");

    /** The class named, with its nested and anonymous classes. */
    private static DescribedPredicate<JavaClass> inClass(String name) {
        return describe(name, c -> c.getName().split("\\$")[0].equals(name));
    }

    private static String[] concat(String[] first, String... more) {
        String[] all = new String[first.length + more.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(more, 0, all, first.length, more.length);
        return all;
    }
}
