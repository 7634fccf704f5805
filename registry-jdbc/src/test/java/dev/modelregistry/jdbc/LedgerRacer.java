package dev.modelregistry.jdbc;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Races other processes over the delivery ledger of the H2 file database named by {@code args[0]}:
 * prints {@code ready} once the store is open, waits until the file {@code args[3]} exists, then
 * for each of {@code args[2]} rounds creates and leases consumer {@code sink:lease-<round>} as holder
 * {@code p<args[1]>}, and leases {@code sink:advance-<round>} as the holder every racer shares and
 * advances it from 0 to {@code 1 + args[1]}, printing {@code <round> <created> <leased> <advanced>}
 * (each 0 or 1). Run as a separate process by {@link H2SharedLedgerTest}.
 */
final class LedgerRacer {

    static final Instant NOW = Instant.parse("2024-05-01T10:00:00Z");
    static final Instant UNTIL = NOW.plusSeconds(3600);
    static final String SHARED_HOLDER = "shared";

    private LedgerRacer() {
    }

    public static void main(String[] args) throws InterruptedException {
        int racer = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        Path go = Path.of(args[3]);
        try (JdbcMetadataStore store = JdbcMetadataStore.h2File(Path.of(args[0]))) {
            System.out.println("ready");
            System.out.flush();
            long deadline = System.nanoTime() + 120_000_000_000L;
            while (!Files.exists(go) && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            for (int round = 0; round < rounds; round++) {
                String lease = "sink:lease-" + round;
                String advance = "sink:advance-" + round;
                boolean created = store.create(lease, 0);
                boolean leased = store.lease(lease, "p" + racer, NOW, UNTIL).isPresent();
                store.create(advance, 0);
                if (store.lease(advance, SHARED_HOLDER, NOW, UNTIL).isEmpty()) {
                    throw new IllegalStateException("the shared holder could not lease " + advance);
                }
                boolean advanced = store.advance(advance, SHARED_HOLDER, NOW, 0, 1 + racer);
                System.out.println(round + " " + bit(created) + " " + bit(leased) + " " + bit(advanced));
                System.out.flush();
            }
        }
    }

    private static int bit(boolean b) {
        return b ? 1 : 0;
    }
}
