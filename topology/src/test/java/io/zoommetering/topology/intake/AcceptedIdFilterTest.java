package io.zoommetering.topology.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

class AcceptedIdFilterTest {

    /** A store of accepted ids as the filter sees it: a list it can read, which forgets from the front. */
    private static final class Remembered implements AcceptedIdFilter.Source {
        final List<String> ids = new ArrayList<>();
        int from;
        int reads;

        @Override
        public void forEachId(Predicate<String> action) {
            for (int i = from; i < ids.size(); i++) {
                reads++;
                if (!action.test(ids.get(i))) {
                    return;
                }
            }
        }

        void accept(AcceptedIdFilter filter, String id) {
            ids.add(id);
            filter.add(id);
        }
    }

    private static String id(int i) {
        return "meetings\u001fevt-" + i;
    }

    @Test
    void everyRememberedIdMightBeContainedAcrossRebuilds() {
        Remembered store = new Remembered();
        AcceptedIdFilter filter = new AcceptedIdFilter(store);
        for (int i = 0; i < 200_000; i++) {
            store.accept(filter, id(i));
        }
        assertTrue(filter.capacity() > AcceptedIdFilter.MIN_CAPACITY, "it grew past its first size");
        for (int i = 0; i < 200_000; i++) {
            assertTrue(filter.mightContain(id(i)), id(i));
        }
    }

    @Test
    void fewNewIdsAreLookedUp() {
        Remembered store = new Remembered();
        AcceptedIdFilter filter = new AcceptedIdFilter(store);
        for (int i = 0; i < 100_000; i++) {
            store.accept(filter, id(i));
        }
        int maybe = 0;
        for (int i = 100_000; i < 200_000; i++) {
            if (filter.mightContain(id(i))) {
                maybe++;
            }
        }
        // Ten bits per id of capacity and seven hashes: about 1 % at full capacity, less below it.
        assertTrue(maybe < 2_000, maybe + " of 100,000 new ids might be contained");
    }

    @Test
    void aRebuildForgetsWhatTheStoreForgot() {
        Remembered store = new Remembered();
        AcceptedIdFilter filter = new AcceptedIdFilter(store);
        int capacity = filter.capacity();
        for (int i = 0; i < capacity; i++) {
            store.accept(filter, id(i));
        }
        // The store's horizon passed the first half; the next accepted id finds the filter full and rebuilds it.
        store.from = capacity / 2;
        store.accept(filter, id(capacity));
        int forgotten = 0;
        for (int i = 0; i < capacity / 2; i++) {
            if (!filter.mightContain(id(i))) {
                forgotten++;
            }
        }
        assertTrue(forgotten > capacity / 2 * 0.95, forgotten + " of " + capacity / 2 + " forgotten ids shed");
        for (int i = capacity / 2; i <= capacity; i++) {
            assertTrue(filter.mightContain(id(i)), id(i));
        }
    }

    @Test
    void rebuildsReadTheStoreAboutTwicePerAcceptedId() {
        Remembered store = new Remembered();
        AcceptedIdFilter filter = new AcceptedIdFilter(store);
        int accepted = 500_000;
        for (int i = 0; i < accepted; i++) {
            store.accept(filter, id(i));
        }
        assertTrue(store.reads <= 3 * accepted, store.reads + " store reads for " + accepted + " ids");
    }

    @Test
    void tooManyIdsToFilterAreAllLookedUp() {
        int many = AcceptedIdFilter.MAX_CAPACITY / 4 + 1;
        AcceptedIdFilter.Source huge = action -> {
            for (int i = 0; i < many && action.test(id(i)); i++) {
                // The filter counts them.
            }
        };
        AcceptedIdFilter filter = new AcceptedIdFilter(huge);
        assertEquals(AcceptedIdFilter.MAX_CAPACITY, filter.capacity());
        assertTrue(filter.mightContain("meetings\u001fnever-accepted"));
        assertFalse(new AcceptedIdFilter(action -> {}).mightContain("meetings\u001fnever-accepted"));
    }
}
