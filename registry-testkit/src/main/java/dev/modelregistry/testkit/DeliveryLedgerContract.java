package dev.modelregistry.testkit;

import static dev.modelregistry.testkit.MetadataStoreFixtures.T0;
import static dev.modelregistry.testkit.MetadataStoreFixtures.at;
import static dev.modelregistry.testkit.MetadataStoreFixtures.concurrently;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelregistry.events.ConsumerStatus;
import dev.modelregistry.events.DeliveryAttempt;
import dev.modelregistry.events.DeliveryAttempt.Outcome;
import dev.modelregistry.spi.Capability;
import dev.modelregistry.spi.DeliveryLedger;
import dev.modelregistry.spi.MetadataStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * How a store keeps the {@link DeliveryLedger}: consumers created once, leases that one holder has
 * at a time, cursors that move only from where their holder read them, pauses, and the delivery
 * log. Run by {@link MetadataStoreContract} as a nested group; {@link #store()} is the store under
 * test.
 */
public abstract class DeliveryLedgerContract {

    private static final String SINK = "sink:broker";
    private static final String HOOK = "webhook:deploy";

    /** The store under test, fresh for each test. */
    protected abstract MetadataStore store();

    /** A new store on the same data as {@link #store()}, for a store shared between processes; the contract closes it. */
    protected abstract MetadataStore openAgain();

    private static ConsumerStatus fresh(String consumer, long position) {
        return new ConsumerStatus(consumer, position, Optional.empty(), Optional.empty(), Optional.empty(),
                Optional.empty());
    }

    private static ConsumerStatus leased(String consumer, long position, String holder, Instant until) {
        return new ConsumerStatus(consumer, position, Optional.of(holder), Optional.of(until), Optional.empty(),
                Optional.empty());
    }

    private static DeliveryAttempt attempt(String consumer, long sequence, int attempt, Outcome outcome) {
        return new DeliveryAttempt(consumer, sequence, attempt, at(attempt), outcome == Outcome.DELIVERED ? 204 : 503,
                10L * attempt, outcome == Outcome.DELIVERED ? "" : "unavailable " + attempt, outcome);
    }

    @Nested
    class Consumers {

        @Test
        void aConsumerIsCreatedOnceWithItsCursorNotPausedAndNotLeased() {
            assertThat(store().create(SINK, 7)).isTrue();

            assertThat(store().consumer(SINK)).contains(fresh(SINK, 7));
            assertThat(store().consumer(HOOK)).isEmpty();
        }

        @Test
        void aSecondCreateReturnsFalseAndLeavesTheConsumerUnchanged() {
            store().create(SINK, 7);
            store().lease(SINK, "a", T0, at(10));
            store().advance(SINK, "a", T0, 7, 9);
            ConsumerStatus before = store().consumer(SINK).orElseThrow();

            assertThat(store().create(SINK, 0)).isFalse();

            assertThat(store().consumer(SINK)).contains(before);
            assertThat(before).isEqualTo(leased(SINK, 9, "a", at(10)));
        }

        @Test
        void consumersAreIndependent() {
            store().create(SINK, 1);
            store().create(HOOK, 2);
            store().lease(SINK, "a", T0, at(10));
            store().advance(SINK, "a", T0, 1, 5);

            assertThat(store().consumer(HOOK)).contains(fresh(HOOK, 2));
            assertThat(store().lease(HOOK, "b", T0, at(10))).contains(leased(HOOK, 2, "b", at(10)));
        }

        @Test
        void anUnknownConsumerCanNeitherBeLeasedNorMovedNorPausedNorResumed() {
            assertThat(store().lease(SINK, "a", T0, at(10))).isEmpty();
            assertThat(store().advance(SINK, "a", T0, 0, 1)).isFalse();
            assertThat(store().pause(SINK, "a", T0, 0, "why")).isFalse();
            assertThat(store().resume(SINK, 3)).isEmpty();
            store().release(SINK, "a");
            store().forget(SINK);

            assertThat(store().consumer(SINK)).isEmpty();
        }

        @Test
        void forgetRemovesTheConsumerAndItsLogButNotOthers() {
            store().create(SINK, 0);
            store().create(HOOK, 0);
            store().record(attempt(SINK, 1, 1, Outcome.DELIVERED));
            store().record(attempt(HOOK, 1, 1, Outcome.DELIVERED));

            store().forget(SINK);

            assertThat(store().consumer(SINK)).isEmpty();
            assertThat(store().attempts(SINK, 0, 10)).isEmpty();
            assertThat(store().lastAttempt(SINK, 1)).isEmpty();
            assertThat(store().consumer(HOOK)).contains(fresh(HOOK, 0));
            assertThat(store().attempts(HOOK, 0, 10)).containsExactly(attempt(HOOK, 1, 1, Outcome.DELIVERED));
            assertThat(store().create(SINK, 4)).isTrue();
            assertThat(store().consumer(SINK)).contains(fresh(SINK, 4));
        }
    }

    @Nested
    class Leases {

        @Test
        void aLeaseIsExclusiveUntilItEnds() {
            store().create(SINK, 3);

            assertThat(store().lease(SINK, "a", T0, at(10))).contains(leased(SINK, 3, "a", at(10)));
            assertThat(store().lease(SINK, "b", at(5), at(15))).isEmpty();
            assertThat(store().lease(SINK, "b", at(10).minusMillis(1), at(15))).isEmpty();
            assertThat(store().consumer(SINK)).contains(leased(SINK, 3, "a", at(10)));
        }

        @Test
        void anExpiredLeaseIsTakenOverAndItsFormerHolderCanNoLongerMoveThings() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));

            assertThat(store().lease(SINK, "b", at(10), at(20))).contains(leased(SINK, 3, "b", at(20)));

            assertThat(store().advance(SINK, "a", at(5), 3, 4)).isFalse();
            assertThat(store().pause(SINK, "a", at(5), 3, "gave up")).isFalse();
            store().release(SINK, "a");
            assertThat(store().consumer(SINK)).contains(leased(SINK, 3, "b", at(20)));
        }

        @Test
        void theHolderRenewsItsLeaseBeforeOrAfterItEnds() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));

            assertThat(store().lease(SINK, "a", at(8), at(18))).contains(leased(SINK, 3, "a", at(18)));
            assertThat(store().lease(SINK, "a", at(30), at(40))).contains(leased(SINK, 3, "a", at(40)));
            assertThat(store().lease(SINK, "b", at(39), at(50))).isEmpty();
        }

        @Test
        void releaseGivesUpOnlyTheHoldersOwnLease() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));

            store().release(SINK, "b");
            assertThat(store().consumer(SINK)).contains(leased(SINK, 3, "a", at(10)));

            store().release(SINK, "a");
            assertThat(store().consumer(SINK)).contains(fresh(SINK, 3));
            assertThat(store().lease(SINK, "b", at(1), at(11))).contains(leased(SINK, 3, "b", at(11)));
        }

        @Test
        void leaseEndsAreKeptToTheMillisecond() {
            store().create(SINK, 0);
            Instant until = at(10).plusNanos(456_789);

            assertThat(store().lease(SINK, "a", T0, until)).contains(leased(SINK, 0, "a", at(10)));
            assertThat(store().consumer(SINK).orElseThrow().leaseUntil()).contains(at(10));
        }
    }

    @Nested
    class Cursors {

        @Test
        void advanceMovesOnlyFromTheExpectedPositionAndOnlyForTheHolderOfALiveLease() {
            store().create(SINK, 3);
            assertThat(store().advance(SINK, "a", T0, 3, 4)).as("without a lease").isFalse();
            store().lease(SINK, "a", T0, at(10));

            assertThat(store().advance(SINK, "a", T0, 2, 4)).as("from elsewhere").isFalse();
            assertThat(store().advance(SINK, "b", T0, 3, 4)).as("by another").isFalse();
            assertThat(store().advance(SINK, "a", at(10), 3, 4)).as("as the lease ends").isFalse();
            assertThat(store().consumer(SINK).orElseThrow().position()).isEqualTo(3);

            assertThat(store().advance(SINK, "a", at(9), 3, 4)).isTrue();
            assertThat(store().advance(SINK, "a", at(9), 4, 10)).isTrue();
            assertThat(store().advance(SINK, "a", at(9), 4, 11)).as("from where it was").isFalse();
            assertThat(store().consumer(SINK)).contains(leased(SINK, 10, "a", at(10)));
        }

        @Test
        void pauseReleasesTheLeaseAndKeepsThePosition() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));
            Instant now = at(4).plusNanos(999_999);

            assertThat(store().pause(SINK, "a", now, 3, "refused: 410 Gone")).isTrue();

            ConsumerStatus paused = store().consumer(SINK).orElseThrow();
            assertThat(paused).isEqualTo(new ConsumerStatus(SINK, 3, Optional.empty(), Optional.empty(),
                    Optional.of("refused: 410 Gone"), Optional.of(at(4))));
            assertThat(paused.paused()).isTrue();
            assertThat(store().advance(SINK, "a", at(5), 3, 4)).isFalse();
        }

        @Test
        void pauseNeedsTheHolderOfALiveLeaseAndTheCursorWhereItWas() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));

            assertThat(store().pause(SINK, "b", at(1), 3, "x")).isFalse();
            assertThat(store().pause(SINK, "a", at(1), 2, "x")).isFalse();
            assertThat(store().pause(SINK, "a", at(10), 3, "x")).isFalse();

            assertThat(store().consumer(SINK)).contains(leased(SINK, 3, "a", at(10)));
        }

        @Test
        void resumeClearsAPauseAndKeepsOrMovesTheCursor() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));
            store().pause(SINK, "a", at(1), 3, "too many attempts");

            assertThat(store().resume(SINK, -1)).contains(fresh(SINK, 3));
            store().lease(SINK, "a", at(2), at(10));
            store().pause(SINK, "a", at(2), 3, "again");
            assertThat(store().resume(SINK, 0)).contains(fresh(SINK, 0));
            assertThat(store().consumer(SINK)).contains(fresh(SINK, 0));
        }

        @Test
        void resumeKeepsALeaseAndItsHolderFindsTheCursorMoved() {
            store().create(SINK, 3);
            store().lease(SINK, "a", T0, at(10));

            assertThat(store().resume(SINK, 8)).contains(leased(SINK, 8, "a", at(10)));

            assertThat(store().advance(SINK, "a", at(1), 3, 4)).isFalse();
            assertThat(store().advance(SINK, "a", at(1), 8, 9)).isTrue();
        }
    }

    @Nested
    class Log {

        @Test
        void everyFieldOfAnAttemptRoundTripsWithItsInstantInMilliseconds() {
            String error = "e".repeat(1_990) + " ✓ end";
            DeliveryAttempt logged = new DeliveryAttempt(HOOK, 42, 3, at(7).plusNanos(1_234_567), 0, 12_345L, error,
                    Outcome.FAILED);

            store().record(logged);

            DeliveryAttempt expected = new DeliveryAttempt(HOOK, 42, 3, at(7).plusMillis(1), 0, 12_345L, error,
                    Outcome.FAILED);
            assertThat(store().attempts(HOOK, 0, 10)).containsExactly(expected);
            assertThat(store().lastAttempt(HOOK, 42)).contains(expected);
        }

        @Test
        void attemptsAreListedBySequenceThenInTheOrderTheyWereLogged() {
            // A replay restarts the attempt numbers of an event, so the order logged decides, not the number.
            List<DeliveryAttempt> logged = List.of(attempt(HOOK, 3, 1, Outcome.RETRYING),
                    attempt(HOOK, 2, 1, Outcome.DELIVERED), attempt(HOOK, 3, 2, Outcome.DELIVERED),
                    attempt(HOOK, 5, 2, Outcome.RETRYING), attempt(HOOK, 5, 3, Outcome.FAILED),
                    attempt(HOOK, 5, 1, Outcome.DELIVERED), attempt(SINK, 4, 1, Outcome.DELIVERED));
            logged.forEach(store()::record);

            assertThat(store().attempts(HOOK, 0, 100)).containsExactly(logged.get(1), logged.get(0), logged.get(2),
                    logged.get(3), logged.get(4), logged.get(5));
            assertThat(store().attempts(SINK, 0, 100)).containsExactly(logged.get(6));
        }

        @Test
        void attemptsAreFilteredAfterASequenceAndLimited() {
            for (long seq = 1; seq <= 6; seq++) {
                store().record(attempt(HOOK, seq, 1, Outcome.RETRYING));
                store().record(attempt(HOOK, seq, 2, Outcome.DELIVERED));
            }

            assertThat(store().attempts(HOOK, 4, 100)).extracting(a -> a.sequence() + "/" + a.attempt())
                    .containsExactly("5/1", "5/2", "6/1", "6/2");
            assertThat(store().attempts(HOOK, 1, 3)).extracting(a -> a.sequence() + "/" + a.attempt())
                    .containsExactly("2/1", "2/2", "3/1");
            assertThat(store().attempts(HOOK, 6, 100)).isEmpty();
            assertThat(store().attempts("sink:none", 0, 100)).isEmpty();
        }

        @Test
        void theLastAttemptIsTheOneLoggedLastForThatSequence() {
            store().record(attempt(HOOK, 2, 1, Outcome.RETRYING));
            store().record(attempt(HOOK, 2, 2, Outcome.DELIVERED));
            store().record(attempt(HOOK, 3, 1, Outcome.RETRYING));
            store().record(attempt(HOOK, 2, 1, Outcome.FAILED));

            assertThat(store().lastAttempt(HOOK, 2)).contains(attempt(HOOK, 2, 1, Outcome.FAILED));
            assertThat(store().lastAttempt(HOOK, 3)).contains(attempt(HOOK, 3, 1, Outcome.RETRYING));
            assertThat(store().lastAttempt(HOOK, 4)).isEmpty();
            assertThat(store().lastAttempt(SINK, 2)).isEmpty();
        }
    }

    @Nested
    class Races {

        private static final int THREADS = 8;
        private static final int ROUNDS = 5;

        @Test
        void consumersCreatedAtOnceAreCreatedOnce() throws InterruptedException {
            for (int round = 0; round < ROUNDS; round++) {
                String consumer = SINK + "-" + round;

                List<Boolean> created = concurrently(THREADS, t -> () -> store().create(consumer, t));

                assertThat(created).filteredOn(c -> c).hasSize(1);
                assertThat(store().consumer(consumer).orElseThrow().position()).isEqualTo(created.indexOf(true));
            }
        }

        @Test
        void ofEightHoldersLeasingAtTheSameMomentExactlyOneWins() throws InterruptedException {
            for (int round = 0; round < ROUNDS; round++) {
                String consumer = SINK + "-" + round;
                store().create(consumer, 0);

                List<Optional<ConsumerStatus>> leases = concurrently(THREADS,
                        t -> () -> store().lease(consumer, "holder-" + t, T0, at(10)));

                List<Integer> winners = winners(leases);
                assertThat(winners).as("round %d", round).hasSize(1);
                assertThat(store().consumer(consumer))
                        .contains(leased(consumer, 0, "holder-" + winners.get(0), at(10)));
            }
        }

        @Test
        void ofEightAdvancesFromTheSamePositionExactlyOneWins() throws InterruptedException {
            for (int round = 0; round < ROUNDS; round++) {
                String consumer = SINK + "-" + round;
                store().create(consumer, 5);
                store().lease(consumer, "a", T0, at(10));

                List<Boolean> moved = concurrently(THREADS, t -> () -> store().advance(consumer, "a", T0, 5, 10 + t));

                assertThat(moved).as("round %d", round).filteredOn(m -> m).hasSize(1);
                assertThat(store().consumer(consumer).orElseThrow().position()).isEqualTo(10 + moved.indexOf(true));
            }
        }

        @Test
        void twoStoresOnTheSameDataShareOneLease() throws InterruptedException {
            assumeTrue(store().capabilities().contains(Capability.SHARED_BETWEEN_PROCESSES),
                    () -> store() + " is not shared between processes, so this test is skipped");
            try (MetadataStore other = openAgain()) {
                assertThat(other.create(SINK, 0)).isTrue();
                assertThat(store().create(SINK, 0)).isFalse();
                assertThat(store().lease(SINK, "a", T0, at(10))).isPresent();
                assertThat(other.lease(SINK, "b", at(1), at(11))).isEmpty();

                for (int round = 0; round < ROUNDS; round++) {
                    String consumer = HOOK + "-" + round;
                    store().create(consumer, 0);
                    List<Optional<ConsumerStatus>> leases = concurrently(THREADS, t -> () ->
                            (t % 2 == 0 ? store() : other).lease(consumer, "holder-" + t, T0, at(10)));

                    assertThat(winners(leases)).as("round %d", round).hasSize(1);
                }
            }
        }

        private static List<Integer> winners(List<Optional<ConsumerStatus>> leases) {
            return IntStream.range(0, leases.size()).filter(i -> leases.get(i).isPresent()).boxed()
                    .collect(Collectors.toList());
        }
    }
}
