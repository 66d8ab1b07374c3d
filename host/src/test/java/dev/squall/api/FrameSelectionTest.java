package dev.squall.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class FrameSelectionTest {
    @Test
    void shardsPartitionEveryJobWhateverItsLength() {
        for (int frames : new int[] {1, 7, 60, 1001}) {
            for (int n : new int[] {1, 2, 3, 8, 100}) {
                int[] owners = new int[frames];
                int total = 0;
                for (int i = 0; i < n; i++) {
                    FrameSelection shard = FrameSelection.parseShard(i + "/" + n);
                    total += shard.count(frames);
                    for (int f = 0; f < frames; f++) {
                        owners[f] += shard.contains(f) ? 1 : 0;
                    }
                    // Striding: a shard's frames are i, i + n, i + 2n ...
                    int shardIndex = i;
                    assertEquals(IntStream.range(0, frames).filter(f -> f % n == shardIndex).count(),
                            shard.count(frames));
                }
                assertEquals(frames, total);
                assertTrue(IntStream.of(owners).allMatch(o -> o == 1), "every frame in exactly one shard");
            }
        }
    }

    @Test
    void aRangeWithinAShard() {
        FrameSelection s = FrameSelection.parseShard("1/4").within(FrameSelection.parseFrames("3-13"));
        assertEquals(java.util.List.of(5, 9, 13), IntStream.range(0, 20).filter(s::contains).boxed().toList());
        assertEquals(3, s.count(20));
        assertEquals(2, s.count(12));
        assertEquals("shard 1/4, frames 3-13", s.toString());
        assertEquals("frames 7", FrameSelection.parseFrames("7").toString());
        assertEquals("all frames", FrameSelection.ALL.toString());
        assertTrue(FrameSelection.ALL.isAll());
        assertFalse(s.isAll());
    }

    @Test
    void badTextIsNamed() {
        assertEquals("'2/2': the shard's index must be from 0 to 1", assertThrows(IllegalArgumentException.class,
                () -> FrameSelection.parseShard("2/2")).getMessage());
        assertEquals("' 1 / 2': a shard is I/N, its index from 0 to N-1 (0/4 is the first of four)",
                assertThrows(IllegalArgumentException.class, () -> FrameSelection.parseShard(" 1 / 2")).getMessage());
        assertEquals("'9-3': the first frame comes after the last", assertThrows(IllegalArgumentException.class,
                () -> FrameSelection.parseFrames("9-3")).getMessage());
        assertEquals("'-3': frames are A-B (both included, from 0) or one frame A",
                assertThrows(IllegalArgumentException.class, () -> FrameSelection.parseFrames("-3")).getMessage());
        assertEquals("frames 0-60: the job has 60 frames (0-59)", assertThrows(IllegalArgumentException.class,
                () -> FrameSelection.parseFrames("0-60").check(60)).getMessage());
        FrameSelection.parseFrames("0-59").check(60);
    }
}
