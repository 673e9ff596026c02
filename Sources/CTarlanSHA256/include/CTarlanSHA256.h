#ifndef CTARLAN_SHA256_H
#define CTARLAN_SHA256_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/// 1 when this CPU has SHA-256 instructions that `ctarlan_sha256_compress` uses (x86_64: SHA
/// extensions with SSSE3 and SSE4.1; Linux on AArch64: the SHA2 extension), 0 otherwise and on
/// every other platform. Detected once, at the first call; cheap afterwards; safe from any thread.
int ctarlan_sha256_accelerated(void);

/// The SHA-256 compression function (FIPS 180-4, 6.2.2) applied to `blockCount` consecutive 64-byte
/// blocks starting at `blocks` (any alignment), updating `state` (H0…H7, host order) in place. No
/// padding: that is the caller's. Call it only when `ctarlan_sha256_accelerated()` returned 1
/// (elsewhere it stops the program rather than run instructions the CPU lacks).
void ctarlan_sha256_compress(uint32_t state[8], const void *blocks, size_t blockCount);

#ifdef __cplusplus
}
#endif

#endif
