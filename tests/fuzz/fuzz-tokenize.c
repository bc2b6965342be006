/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer entry for cited_fuzz_tokenize(): see cited-fuzz-targets.h and the
 * README's "Fuzzing" section. */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "cited-fuzz-targets.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  cited_fuzz_tokenize (data, size);
  return 0;
}
