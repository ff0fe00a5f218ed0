package dev.ltv.cli.importer;

import java.util.Arrays;

/**
 * How many times each 64-bit content key has been seen: an open-addressing table of primitives, so a
 * file of millions of rows costs 12 bytes a distinct row rather than a boxed map entry's 60 or so.
 */
final class OccurrenceCounter {

    private long[] keys = new long[1 << 12];
    private int[] counts = new int[1 << 12];
    private boolean[] used = new boolean[1 << 12];
    private int size;

    /** Counts one more occurrence of {@code key} and returns how many there were before (0 the first time). */
    int next(long key) {
        if (size * 2 >= keys.length) {
            grow();
        }
        int slot = slot(keys, used, key);
        if (!used[slot]) {
            used[slot] = true;
            keys[slot] = key;
            size++;
        }
        return counts[slot]++;
    }

    private static int slot(long[] keys, boolean[] used, long key) {
        int mask = keys.length - 1;
        int i = (int) (mix(key) & mask);
        while (used[i] && keys[i] != key) {
            i = (i + 1) & mask;
        }
        return i;
    }

    private static long mix(long key) {
        key ^= key >>> 33;
        key *= 0xff51afd7ed558ccdL;
        return key ^ key >>> 33;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldCounts = counts;
        boolean[] oldUsed = used;
        keys = new long[oldKeys.length * 2];
        counts = new int[keys.length];
        used = new boolean[keys.length];
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldUsed[i]) {
                int slot = slot(keys, used, oldKeys[i]);
                used[slot] = true;
                keys[slot] = oldKeys[i];
                counts[slot] = oldCounts[i];
            }
        }
        Arrays.fill(oldUsed, false);
    }
}
