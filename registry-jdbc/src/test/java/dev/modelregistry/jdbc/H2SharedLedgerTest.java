package dev.modelregistry.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.modelregistry.events.ConsumerStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery ledger on one H2 file shared by several processes: creates, leases and advances
 * that race across processes each have exactly one winner. The test's own store hosts the
 * database; the racers ({@link LedgerRacer}) reach it through H2's automatic server.
 */
class H2SharedLedgerTest {

    private static final int RACERS = 3;
    private static final int ROUNDS = 25;

    @TempDir
    Path directory;

    @Test
    void racingProcessesEachGetExactlyOneCreationLeaseAndAdvancePerConsumer() throws Exception {
        Path database = directory.resolve("metadata");
        Path go = directory.resolve("go");
        try (JdbcMetadataStore host = JdbcMetadataStore.h2File(database)) {
            List<Process> racers = new ArrayList<>();
            List<BufferedReader> outputs = new ArrayList<>();
            try {
                for (int i = 0; i < RACERS; i++) {
                    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                            "-cp", System.getProperty("java.class.path"), LedgerRacer.class.getName(),
                            database.toString(), Integer.toString(i), Integer.toString(ROUNDS), go.toString())
                            .redirectError(directory.resolve("racer-" + i + ".log").toFile())
                            .start();
                    racers.add(p);
                    outputs.add(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)));
                }
                for (int i = 0; i < RACERS; i++) {
                    assertThat(outputs.get(i).readLine()).as("racer %d: %s", i, log(i)).isEqualTo("ready");
                }
                Files.createFile(go);

                int[][] wins = new int[ROUNDS][3];
                int[] leaseWinner = new int[ROUNDS];
                int[] advanceWinner = new int[ROUNDS];
                for (int i = 0; i < RACERS; i++) {
                    for (int round = 0; round < ROUNDS; round++) {
                        String line = outputs.get(i).readLine();
                        assertThat(line).as("racer %d, round %d: %s", i, round, log(i)).isNotNull();
                        String[] bits = line.split(" ");
                        assertThat(Integer.parseInt(bits[0])).isEqualTo(round);
                        for (int k = 0; k < 3; k++) {
                            wins[round][k] += Integer.parseInt(bits[k + 1]);
                        }
                        leaseWinner[round] += bits[2].equals("1") ? i : 0;
                        advanceWinner[round] += bits[3].equals("1") ? i : 0;
                    }
                    assertThat(racers.get(i).waitFor(120, TimeUnit.SECONDS)).isTrue();
                    assertThat(racers.get(i).exitValue()).as("racer %d: %s", i, log(i)).isZero();
                }

                for (int round = 0; round < ROUNDS; round++) {
                    assertThat(wins[round]).as("creations, leases and advances won in round %d", round)
                            .containsExactly(1, 1, 1);
                    assertThat(host.consumer("sink:lease-" + round)).contains(new ConsumerStatus("sink:lease-" + round,
                            0, Optional.of("p" + leaseWinner[round]), Optional.of(LedgerRacer.UNTIL), Optional.empty(),
                            Optional.empty()));
                    assertThat(host.consumer("sink:advance-" + round).orElseThrow().position())
                            .isEqualTo(1 + advanceWinner[round]);
                }
            } finally {
                racers.forEach(Process::destroyForcibly);
            }
        }
    }

    private String log(int racer) {
        try {
            return Files.readString(directory.resolve("racer-" + racer + ".log"));
        } catch (java.io.IOException e) {
            return "(no log: " + e + ")";
        }
    }
}
