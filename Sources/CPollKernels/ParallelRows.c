#include "PollKernels.h"

#include <pthread.h>

// One contiguous chunk of rows and the body that computes it, handed to a worker thread.
typedef struct {
    pollkernels_rows_body body;
    void *context;
    size_t start;
    size_t end;
} pollkernels_chunk;

static void *pollkernels_run_chunk(void *argument) {
    pollkernels_chunk *chunk = (pollkernels_chunk *)argument;
    chunk->body(chunk->context, chunk->start, chunk->end);
    return NULL;
}

void pollkernels_parallel_rows(size_t count, size_t threads, pollkernels_rows_body body, void *context) {
    enum { most = 8 };
    if (threads > most) threads = most;
    if (threads > count) threads = count;
    if (threads <= 1) {
        if (count > 0) body(context, 0, count);
        return;
    }
    pollkernels_chunk chunks[most];
    pthread_t workers[most];
    int started[most] = {0};
    size_t size = (count + threads - 1) / threads;
    for (size_t t = 0; t < threads; t++) {
        size_t start = t * size < count ? t * size : count;
        size_t end = start + size < count ? start + size : count;
        chunks[t] = (pollkernels_chunk){body, context, start, end};
    }
    // Chunk 0 runs on the calling thread; a worker that cannot be started has its chunk run there
    // too, so every row is computed exactly once whatever happens.
    for (size_t t = 1; t < threads; t++) {
        started[t] = pthread_create(&workers[t], NULL, pollkernels_run_chunk, &chunks[t]) == 0;
    }
    pollkernels_run_chunk(&chunks[0]);
    for (size_t t = 1; t < threads; t++) {
        if (started[t]) {
            pthread_join(workers[t], NULL);
        } else {
            pollkernels_run_chunk(&chunks[t]);
        }
    }
}
