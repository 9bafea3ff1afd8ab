// libFuzzer's entry points, linked in by -sanitize=fuzzer (declared here, as libFuzzer ships no header).
#include <stddef.h>
#include <stdint.h>

/// Runs libFuzzer with the process's arguments, calling `test` for every input.
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*test)(const uint8_t *data, size_t size));

/// libFuzzer's own byte mutations (dictionary included), for a custom mutator to fall back on.
size_t LLVMFuzzerMutate(uint8_t *data, size_t size, size_t maxSize);
