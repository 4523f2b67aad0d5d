/*
 * A window's hand-over between two CPUs, three ways: two threads, pinned to CPUs 0 and 1, each publish a few cache
 * lines of spikes and wait for the other's, round after round, as two partitions do at every window's end
 * (src/SpikeCore/Partitions/Mailbox.cs; ../../README.md, "Two threads"). Prints the time per round of each way:
 *   stamp   the spikes, then one stamp after them (what Mailbox does): a reader that sees the stamp then reads the
 *           spikes, a second trip to the other CPU's cache after the first;
 *   lines   a stamp on every line beside its spikes: the reader needs no second trip;
 *   stream  the spikes and the stamp written past the cache (non-temporal stores), to be read from memory.
 * Each round also does `work` iterations of an empty loop (about a nanosecond each), as a window's work would.
 *
 *     gcc -O2 -mavx512f -pthread perf/tools/mailbox_exchange.c -o /tmp/mailbox_exchange && /tmp/mailbox_exchange 5 150
 *
 * Arguments: lines of spikes per round (1-64, default 5: a window's ten or so spikes at 32 bytes), the work per round
 * (0-100000, default 150).
 */
#define _GNU_SOURCE
#include <immintrin.h>
#include <pthread.h>
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

enum { Rounds = 200000, MostLines = 64 };
enum Way { Stamp, Lines, Stream };

/* One thread's mailbox of one parity: a stamp line, then the spikes' lines, each with a stamp of its own (read in the
 * Lines way only). */
typedef struct {
    _Alignas(64) volatile int64_t stamp;
    int64_t count;
    struct {
        _Alignas(64) volatile int64_t stamp;
        int64_t payload[7];
    } line[MostLines];
} Box;

static Box boxes[2][2]; /* [parity][thread] */
static enum Way way;
static int lines, work;
static volatile int64_t sink;

static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
        fprintf(stderr, "mailbox_exchange: cannot pin a thread to CPU %d (two CPUs, 0 and 1, are needed)\n", cpu);
        exit(2);
    }
}

static void publish(Box *box, int64_t round)
{
    if (way == Stream) {
        for (int l = 0; l < lines; l++) {
            _mm512_stream_si512((void *)&box->line[l], _mm512_set1_epi64(round + l));
        }
        _mm_sfence(); /* the spikes before the stamp */
        _mm512_stream_si512((void *)box, _mm512_set_epi64(0, 0, 0, 0, 0, 0, lines, round));
        _mm_sfence();
        return;
    }

    for (int l = 0; l < lines; l++) {
        for (int i = 0; i < 7; i++) {
            box->line[l].payload[i] = round + i;
        }
        if (way == Lines) {
            __atomic_store_n(&box->line[l].stamp, round, __ATOMIC_RELEASE);
        }
    }
    if (way == Stamp) { /* (a reader of the Lines way reads no stamp line) */
        box->count = lines;
        __atomic_store_n(&box->stamp, round, __ATOMIC_RELEASE);
    }
}

static int64_t take(Box *box, int64_t round)
{
    int64_t sum = 0;
    if (way == Lines) {
        for (int l = 0; l < lines; l++) {
            while (__atomic_load_n(&box->line[l].stamp, __ATOMIC_ACQUIRE) != round) {
                _mm_pause();
            }
            for (int i = 0; i < 7; i++) {
                sum += box->line[l].payload[i];
            }
        }
        return sum;
    }

    while (__atomic_load_n(&box->stamp, __ATOMIC_ACQUIRE) != round) {
        _mm_pause();
    }
    for (int64_t l = 0; l < box->count; l++) {
        for (int i = 0; i < 7; i++) {
            sum += box->line[l].payload[i];
        }
    }
    return sum;
}

static void *exchange(void *arg)
{
    int me = (int)(intptr_t)arg;
    pin(me);
    int64_t sum = 0;
    for (int64_t round = 1; round <= Rounds; round++) {
        publish(&boxes[round & 1][me], round);
        sum += take(&boxes[round & 1][1 - me], round);
        for (volatile int w = 0; w < work; w++) {
        }
    }
    sink = sum;
    return NULL;
}

static int whole(const char *text, int lo, int hi, const char *what)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (*text == '\0' || *end != '\0' || v < lo || v > hi) {
        fprintf(stderr, "mailbox_exchange: %s must be a whole number from %d to %d, not '%s'\n", what, lo, hi, text);
        exit(2);
    }
    return (int)v;
}

int main(int argc, char **argv)
{
    if (argc > 3) {
        fprintf(stderr, "mailbox_exchange: at most two arguments: lines of spikes (1-%d) and work per round (0-100000)\n", MostLines);
        return 2;
    }
    lines = argc > 1 ? whole(argv[1], 1, MostLines, "lines of spikes") : 5;
    work = argc > 2 ? whole(argv[2], 0, 100000, "work per round") : 150;
    if (!__builtin_cpu_supports("avx512f")) {
        fprintf(stderr, "mailbox_exchange: this CPU has no AVX-512, which the stream way's stores need\n");
        return 2;
    }

    const char *names[] = { "stamp", "lines", "stream" };
    for (int w = Stamp; w <= Stream; w++) {
        way = (enum Way)w;
        memset(boxes, 0, sizeof boxes);
        struct timespec start, end;
        clock_gettime(CLOCK_MONOTONIC, &start);
        pthread_t threads[2];
        for (int t = 0; t < 2; t++) {
            if (pthread_create(&threads[t], NULL, exchange, (void *)(intptr_t)t) != 0) {
                fprintf(stderr, "mailbox_exchange: cannot start a thread\n");
                return 2;
            }
        }
        for (int t = 0; t < 2; t++) {
            pthread_join(threads[t], NULL);
        }
        clock_gettime(CLOCK_MONOTONIC, &end);
        double ns = ((end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec)) / Rounds;
        printf("%-6s %4d lines, work %d: %.0f ns a round\n", names[w], lines, work, ns);
    }
    return 0;
}
