package hu.ugyfelportal.it.operations;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;

import static org.assertj.core.api.Assertions.assertThat;

/** The one JAR operators deploy: our SPIs with their step pages, the theme, none of the libraries Keycloak ships. */
class BundleJarIT {

    @Test
    void holdsTheThemeAndOnlyOurOwnClasses() throws IOException {
        try (JarFile jar = new JarFile(Path.of(System.getProperty("bundle.jar")).toFile())) {
            List<String> entries = jar.stream().map(ZipEntry::getName).toList();

            assertThat(entries).contains(
                    "META-INF/keycloak-themes.json",
                    "theme/ugyfelportal/login/theme.properties",
                    "theme/ugyfelportal/login/login.ftl",
                    "theme/ugyfelportal/login/messages/messages_hu.properties",
                    "theme/ugyfelportal/email/theme.properties");
            // The steps' pages, mails and words, which Keycloak finds under any theme.
            assertThat(entries).contains(
                    "theme-resources/templates/email-code.ftl",
                    "theme-resources/templates/client-number-chooser.ftl",
                    "theme-resources/templates/dap-qr.ftl",
                    "theme-resources/templates/html/email-code.ftl",
                    "theme-resources/templates/text/email-code.ftl",
                    "theme-resources/resources/css/ugyfelportal-steps.css",
                    "theme-resources/messages/messages_hu.properties",
                    "theme-resources/messages/messages_en.properties");
            assertThat(entries).filteredOn(name -> name.endsWith(".class"))
                    .isNotEmpty()
                    .allMatch(name -> name.startsWith("hu/ugyfelportal/"), "is one of our own classes")
                    .noneMatch(name -> name.startsWith("hu/ugyfelportal/demoportal/")
                            || name.startsWith("hu/ugyfelportal/dapsimulator/")
                            || name.startsWith("hu/ugyfelportal/mailcatcher/")
                            || name.startsWith("hu/ugyfelportal/testclock/"), "is a development tool");
            // The test clock moves a server's time: only the integration tests' server has it.
            assertThat(entries).noneMatch(name -> name.startsWith("META-INF/maven/hu.ugyfelportal/ugyfelportal-test-clock"));
        }
    }

    @Test
    void registersEveryProviderOfTheSpiModule() throws IOException {
        Path services = Path.of("..", "authenticators", "src", "main", "resources", "META-INF", "services");
        try (JarFile jar = new JarFile(Path.of(System.getProperty("bundle.jar")).toFile());
             Stream<Path> serviceFiles = Files.list(services)) {
            for (Path serviceFile : serviceFiles.toList()) {
                ZipEntry entry = jar.getEntry("META-INF/services/" + serviceFile.getFileName());
                assertThat(entry).as("service file %s in the bundle", serviceFile.getFileName()).isNotNull();
                String registered = new String(jar.getInputStream(entry).readAllBytes(), StandardCharsets.UTF_8);
                assertThat(registered.lines().map(String::strip).toList())
                        .containsAll(Files.readAllLines(serviceFile).stream().map(String::strip)
                                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
            }
        }
    }
}
