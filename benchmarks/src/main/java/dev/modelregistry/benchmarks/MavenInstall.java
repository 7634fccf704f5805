package dev.modelregistry.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The Maven reference: {@code install:install-file} with checksums into a throw-away local
 * repository, offline. One Maven invocation per data set: a single file on the command line; a
 * directory through a generated POM with one execution per file (running Maven once per file would
 * mostly measure JVM start-up). Uses maven-install-plugin 2.5.2, the last version with
 * {@code createChecksum} (3.x dropped it); if that plugin is not in the user's local repository it is
 * fetched once, untimed, before the suite starts.
 */
final class MavenInstall {

    static final String NAME = "mvn install:install-file";
    private static final String PLUGIN = "org.apache.maven.plugins:maven-install-plugin:2.5.2";
    private static final String MEASURES = "Maven start-up, copy into a local repository, write .md5/.sha1"
            + " checksums and a POM (offline, no fsync)";

    private MavenInstall() {
    }

    static Reference reference(Path scratch) throws IOException {
        if (Processes.which("mvn").isEmpty()) {
            return Reference.missing(NAME, MEASURES, "`mvn` is not on the PATH");
        }
        Path probe = Files.createDirectories(scratch.resolve("mvn-probe"));
        try {
            Path file = Files.write(probe.resolve("probe.bin"), new byte[] {42});
            Dataset tiny = new Dataset(file, List.of(file), 1);
            if (!Processes.succeeds(command(tiny, probe, true), probe)) {
                // fetch the plugin once; the timed runs stay offline
                Processes.succeeds(command(tiny, probe, false), probe);
                if (!Processes.succeeds(command(tiny, probe, true), probe)) {
                    return Reference.missing(NAME, MEASURES, PLUGIN + " cannot run offline and could not be downloaded");
                }
            }
        } finally {
            Workspace.delete(probe);
        }
        return Reference.available(NAME, MEASURES, MavenInstall::run);
    }

    private static long run(Dataset data, Path out) throws IOException {
        return Processes.run(command(data, out, true), out);
    }

    private static List<String> command(Dataset data, Path out, boolean offline) throws IOException {
        List<String> command = new ArrayList<>(List.of("mvn", "-B", "-q"));
        if (offline) {
            command.add("-o");
        }
        Path repo = out.resolve("repo");
        if (data.isDirectory()) {
            Files.writeString(out.resolve("pom.xml"), pom(data, repo));
            command.addAll(List.of("-f", out.resolve("pom.xml").toString(), "validate"));
        } else {
            command.addAll(List.of(PLUGIN + ":install-file", "-Dfile=" + data.root(), "-DgroupId=bench",
                    "-DartifactId=file", "-Dversion=1", "-Dpackaging=bin", "-DgeneratePom=true",
                    "-DcreateChecksum=true", "-DlocalRepositoryPath=" + repo));
        }
        return command;
    }

    private static String pom(Dataset data, Path repo) {
        StringBuilder executions = new StringBuilder();
        for (int i = 0; i < data.files().size(); i++) {
            executions.append("""
                    <execution><id>f%d</id><phase>validate</phase><goals><goal>install-file</goal></goals>
                      <configuration><file>%s</file><groupId>bench</groupId><artifactId>f%d</artifactId>
                        <version>1</version><packaging>bin</packaging><generatePom>true</generatePom>
                        <createChecksum>true</createChecksum><localRepositoryPath>%s</localRepositoryPath>
                      </configuration></execution>
                    """.formatted(i, data.files().get(i), i, repo));
        }
        String[] gav = PLUGIN.split(":");
        return """
                <project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
                  <groupId>bench</groupId><artifactId>install-directory</artifactId><version>1</version>
                  <packaging>pom</packaging>
                  <build><plugins><plugin>
                    <groupId>%s</groupId><artifactId>%s</artifactId><version>%s</version>
                    <executions>%s</executions>
                  </plugin></plugins></build>
                </project>
                """.formatted(gav[0], gav[1], gav[2], executions);
    }
}
