/*
 * Round trip of one cache line between two CPUs: two threads, pinned to CPUs 0 and 1, pass a counter back and forth
 * (each waits for the other's store, then stores its own). A partitioned run's exchange waits on a few such crossings
 * per window, so this is what makes two threads' windows cheap or dear on a given machine (../../README.md,
 * "Performance"; on this project's virtual machine 150 ns in some hours and 580 ns in others).
 *
 *     gcc -O2 -pthread perf/tools/cross_core_latency.c -o /tmp/cross_core_latency && /tmp/cross_core_latency
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

enum { Rounds = 2000000 };
static _Alignas(128) atomic_long ping;
static _Alignas(128) atomic_long pong;

/* Pins the calling thread to cpu; without two CPUs the threads would take turns, not pass a line between caches. */
static void pin(int cpu)
{
    cpu_set_t set;
    CPU_ZERO(&set);
    CPU_SET(cpu, &set);
    if (pthread_setaffinity_np(pthread_self(), sizeof set, &set) != 0) {
        fprintf(stderr, "cross_core_latency: cannot pin a thread to CPU %d (two CPUs, 0 and 1, are needed)\n", cpu);
        exit(2);
    }
}

static void *answer(void *unused)
{
    (void)unused;
    pin(1);
    for (long i = 1; i <= Rounds; i++) {
        while (atomic_load_explicit(&ping, memory_order_acquire) < i) {
        }
        atomic_store_explicit(&pong, i, memory_order_release);
    }
    return NULL;
}

int main(void)
{
    pin(0);
    pthread_t other;
    if (pthread_create(&other, NULL, answer, NULL) != 0) {
        fprintf(stderr, "cross_core_latency: cannot start a second thread\n");
        return 2;
    }

    struct timespec start, end;
    clock_gettime(CLOCK_MONOTONIC, &start);
    for (long i = 1; i <= Rounds; i++) {
        atomic_store_explicit(&ping, i, memory_order_release);
        while (atomic_load_explicit(&pong, memory_order_acquire) < i) {
        }
    }
    clock_gettime(CLOCK_MONOTONIC, &end);
    pthread_join(other, NULL);
    double ns = (end.tv_sec - start.tv_sec) * 1e9 + (end.tv_nsec - start.tv_nsec);
    printf("round trip %.1f ns (CPU 0 and CPU 1, %d rounds)\n", ns / Rounds, Rounds);
    return 0;
}
