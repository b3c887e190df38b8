#include "PollKernels.h"

#include <pthread.h>
#include <stdatomic.h>

// The rows of one call, handed out in blocks of consecutive rows to whichever thread asks next.
typedef struct {
    pollkernels_rows_body body;
    void *context;
    size_t count;
    size_t block;
    atomic_size_t next;
} pollkernels_rows;

// Takes blocks until none is left: a thread slowed by other work on its core takes fewer blocks,
// and the others take the rest.
static void *pollkernels_take_blocks(void *argument) {
    pollkernels_rows *rows = (pollkernels_rows *)argument;
    for (;;) {
        size_t start = atomic_fetch_add_explicit(&rows->next, rows->block, memory_order_relaxed);
        if (start >= rows->count) break;
        size_t end = rows->count - start > rows->block ? start + rows->block : rows->count;
        rows->body(rows->context, start, end);
    }
    return NULL;
}

void pollkernels_parallel_rows(size_t count, size_t threads, pollkernels_rows_body body, void *context) {
    enum { most = 8, blocksPerThread = 32 };
    if (threads > most) threads = most;
    if (threads > count) threads = count;
    if (threads <= 1) {
        if (count > 0) body(context, 0, count);
        return;
    }
    pollkernels_rows rows = {body, context, count, 0, 0};
    size_t blocks = threads * blocksPerThread;
    rows.block = (count + blocks - 1) / blocks;
    atomic_init(&rows.next, 0);
    pthread_t workers[most];
    int started[most] = {0};
    // The calling thread takes blocks too; a worker that cannot be started takes none, and the
    // threads that run take its share, so every row is computed exactly once whatever happens.
    for (size_t t = 1; t < threads; t++) {
        started[t] = pthread_create(&workers[t], NULL, pollkernels_take_blocks, &rows) == 0;
    }
    pollkernels_take_blocks(&rows);
    for (size_t t = 1; t < threads; t++) {
        if (started[t]) pthread_join(workers[t], NULL);
    }
}
