package com.picksdigest;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaConstructorCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package structure the README's architecture section describes, kept so by the build. */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("com.picksdigest");
    }

    @Test
    void packagesDoNotDependOnEachOtherInCircles() {
        // jOOQ's generated code refers to itself across its packages, as generated code may
        slices().matching("com.picksdigest.(**)")
                .should()
                .beFreeOfCycles()
                .ignoreDependency(
                        resideInAPackage("com.picksdigest.db.generated.."),
                        resideInAPackage("com.picksdigest.db.generated.."))
                .check(main);
    }

    @Test
    void onlyTheMailBoundaryAndTheCompositionRootKnowTheSmtpClient() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.picksdigest.mail.smtp..")
                .and()
                .doNotHaveFullyQualifiedName(App.class.getName())
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.picksdigest.mail.smtp..")
                .check(main);
    }

    @Test
    void thePagesAndTheSubscriberFeatureNeverOpenSmtpThemselves() {
        noClasses()
                .that()
                .resideInAnyPackage("com.picksdigest.web..", "com.picksdigest.subscribers..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.picksdigest.mail.smtp..")
                .check(main);
    }

    @Test
    void nothingButTheBenchsBaselineSendsThroughJakartaMailsTransport() {
        noClasses()
                .that()
                .resideOutsideOfPackage("com.picksdigest.bench..")
                .should()
                .dependOnClassesThat()
                .haveFullyQualifiedName("jakarta.mail.Transport")
                .check(main);
    }

    @Test
    void onlyTheCompositionRootConstructsTheServicesItHandsOut() {
        Set<String> services = services();
        assertThat(services).contains("com.picksdigest.picks.PickService", "com.picksdigest.delivery.Sending");
        DescribedPredicate<JavaConstructorCall> aServiceBuiltElsewhere =
                DescribedPredicate.describe("a service's constructor called outside App", call -> {
                    String target = call.getTargetOwner().getName();
                    String caller = call.getOriginOwner().getName();
                    return services.contains(target)
                            && !caller.equals(App.class.getName())
                            && !caller.startsWith(App.class.getName() + "$")
                            && !caller.equals(target);
                });
        noClasses().should().callConstructorWhere(aServiceBuiltElsewhere).check(main);
    }

    /** What App hands out from its public methods: the application's services (records, values and enums aside). */
    private static Set<String> services() {
        return Arrays.stream(App.class.getDeclaredMethods())
                .filter(m -> Modifier.isPublic(m.getModifiers()))
                .map(Method::getReturnType)
                .filter(t -> t.getName().startsWith("com.picksdigest.")
                        && !t.isRecord()
                        && !t.isEnum()
                        && !t.isInterface()
                        && !t.getName().startsWith("com.picksdigest.config."))
                .map(Class::getName)
                .collect(Collectors.toSet());
    }
}
