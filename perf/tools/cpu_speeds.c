/*
 * What each CPU gives one thread: a floating-point loop (the core's clock and pipes) and a pointer chase through a
 * random cycle over a buffer of a given size (the latency of the cache level or memory that size lands in), each
 * pinned to CPU 0 and then CPU 1. On this project's virtual machine the two CPUs ran the loop alike in every reading
 * (1.27-1.40 s), while the chase over 16 MB took 49-62 ns per step on CPU 0 and 140 ns on CPU 1 in one reading, 145
 * against 90 ns forty minutes later, and 138-144 against 131-135 ns after that: the CPUs differ in the cache they
 * get from the host, which moves with its other tenants, and so does a partitioned run's balance (../../README.md,
 * "Two threads").
 *
 *     gcc -O2 perf/tools/cpu_speeds.c -o /tmp/cpu_speeds && /tmp/cpu_speeds 16    # buffer size in MB
 *
 * A size that is not a number from 0.01 to 65536, or more than half the machine's memory, is refused with one line and
 * exit code 2.
 */
#define _GNU_SOURCE
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>

static double Seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static void Pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (sched_setaffinity(0, sizeof set, &set) != 0)
    {
        fprintf(stderr, "error: cannot run on CPU %d\n", cpu);
        exit(2);
    }
}

int main(int argc, char **argv)
{
    char *end = NULL;
    double megabytes = argc == 2 ? strtod(argv[1], &end) : 0;
    if (argc != 2 || end == argv[1] || *end != '\0' || !(megabytes >= 0.01 && megabytes <= 65536))
    {
        fprintf(stderr, "usage: cpu_speeds <buffer MB, 0.01-65536>\n");
        return 2;
    }

    double memory = (double)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE) / (1 << 20);
    if (megabytes > memory / 2)
    {
        fprintf(stderr, "error: a %g MB buffer is more than half this machine's %.0f MB of memory\n", megabytes,
                memory);
        return 2;
    }

    // One random cycle through every element (Sattolo's shuffle: the permutation it leaves is a single cycle, read as
    // each element's successor), so the chase visits the whole buffer.
    long n = (long)(megabytes * (1 << 20) / sizeof(long));
    long *next = malloc(n * sizeof(long));
    if (next == NULL)
    {
        fprintf(stderr, "error: cannot allocate %g MB\n", megabytes);
        return 2;
    }

    srand(1);
    for (long i = 0; i < n; i++)
    {
        next[i] = i;
    }

    for (long i = n - 1; i > 0; i--)
    {
        long j = ((long)rand() * RAND_MAX + rand()) % i, t = next[i];
        next[i] = next[j];
        next[j] = t;
    }

    enum { Loop = 300000000, Steps = 20000000 };
    for (int cpu = 0; cpu < 2; cpu++)
    {
        Pin(cpu);
        double start = Seconds();
        volatile double x = 1;
        for (long i = 0; i < Loop; i++)
        {
            x = x * 1.0000001 + 1e-9;
        }

        double loop = Seconds() - start;
        long at = 0;
        start = Seconds();
        for (long i = 0; i < Steps; i++)
        {
            at = next[at];
        }

        double chase = (Seconds() - start) / Steps * 1e9;
        // (the chase's end is printed, as a mark that never shows, so that the compiler cannot drop the chase)
        printf("CPU %d: loop %.3f s, chase over %g MB %.1f ns per step%s\n", cpu, loop, megabytes, chase,
               at < 0 ? "!" : "");
    }

    return 0;
}
