// SHA-256 block compression with the CPU's SHA instructions, chosen at run time.
//
// Each accelerated function carries its own target attribute, so the target needs no global
// compiler flag (no -msha, no unsafeFlags) and runs on any CPU of the architecture: callers ask
// `ctarlan_sha256_accelerated()` first. On other platforms both functions compile to stubs.

#include "CTarlanSHA256.h"

#if defined(__x86_64__) && (defined(__clang__) || defined(__GNUC__))
#define CTARLAN_SHA256_X86 1
#include <cpuid.h>
#include <immintrin.h>
#elif defined(__aarch64__) && defined(__linux__) && (defined(__clang__) || defined(__GNUC__))
#define CTARLAN_SHA256_ARM 1
#include <arm_neon.h>
#include <sys/auxv.h>
#ifndef HWCAP_SHA2
#define HWCAP_SHA2 (1 << 6)
#endif
#endif

#if defined(CTARLAN_SHA256_X86) || defined(CTARLAN_SHA256_ARM)

// FIPS 180-4, 4.2.2: the first 32 bits of the fractional parts of the cube roots of the first 64 primes.
_Alignas(16) static const uint32_t roundConstants[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
    0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
    0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
    0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
    0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
    0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
    0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

// -1 until the first call detects; then 0 or 1. Racing first calls compute the same answer.
static int detected = -1;

static int detect(void);

int ctarlan_sha256_accelerated(void) {
    int value = __atomic_load_n(&detected, __ATOMIC_RELAXED);
    if (value < 0) {
        value = detect();
        __atomic_store_n(&detected, value, __ATOMIC_RELAXED);
    }
    return value;
}

#endif

#if defined(CTARLAN_SHA256_X86)

// CPUID leaf 1: ECX bit 9 SSSE3, bit 19 SSE4.1; leaf 7 subleaf 0: EBX bit 29 SHA.
static int detect(void) {
    unsigned int eax = 0, ebx = 0, ecx = 0, edx = 0;
    if (!__get_cpuid(1, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int ssse3 = 1u << 9, sse41 = 1u << 19;
    if ((ecx & ssse3) == 0 || (ecx & sse41) == 0) return 0;
    if (!__get_cpuid_count(7, 0, &eax, &ebx, &ecx, &edx)) return 0;
    const unsigned int sha = 1u << 29;
    return (ebx & sha) != 0;
}

// The state lives in two registers as the SHA instructions want it: ABEF (A in the highest
// lane) and CDGH. Each `_mm_sha256rnds2_epu32` runs two rounds; four-round groups take the
// message words (plus constants) of one 128-bit schedule vector. msg1/msg2 compute the next
// schedule vectors: W[v] = msg2(msg1(W[v-4], W[v-3]) + alignr(W[v-1], W[v-2]), W[v-1]).

#define CTARLAN_ROUNDS(group, words)                                                                 \
    do {                                                                                             \
        __m128i wk = _mm_add_epi32((words), _mm_load_si128((const __m128i *)&roundConstants[4 * (group)])); \
        cdgh = _mm_sha256rnds2_epu32(cdgh, abef, wk);                                                \
        abef = _mm_sha256rnds2_epu32(abef, cdgh, _mm_shuffle_epi32(wk, 0x0E));                        \
    } while (0)

// The first half of vector v = (the slot of v-4, already holding W[v-4]) with W[v-3].
#define CTARLAN_SCHEDULE1(slot, next) (slot) = _mm_sha256msg1_epu32((slot), (next))
// The second half, once W[v-1] (`last`) and W[v-2] (`before`) are known.
#define CTARLAN_SCHEDULE2(slot, last, before) \
    (slot) = _mm_sha256msg2_epu32(_mm_add_epi32((slot), _mm_alignr_epi8((last), (before), 4)), (last))

__attribute__((target("sha,sse4.1,ssse3")))
static void compress_x86(uint32_t state[8], const unsigned char *data, size_t blockCount) {
    // Big-endian message words: reverse the bytes of each 32-bit lane.
    const __m128i byteSwap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);

    __m128i dcba = _mm_loadu_si128((const __m128i *)&state[0]);
    __m128i hgfe = _mm_loadu_si128((const __m128i *)&state[4]);
    __m128i cdab = _mm_shuffle_epi32(dcba, 0xB1);
    __m128i efgh = _mm_shuffle_epi32(hgfe, 0x1B);
    __m128i abef = _mm_alignr_epi8(cdab, efgh, 8);
    __m128i cdgh = _mm_blend_epi16(efgh, cdab, 0xF0);

    for (; blockCount > 0; blockCount--, data += 64) {
        const __m128i abefBefore = abef, cdghBefore = cdgh;
        __m128i w0 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 0)), byteSwap);
        __m128i w1 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 16)), byteSwap);
        __m128i w2 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 32)), byteSwap);
        __m128i w3 = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(data + 48)), byteSwap);

        CTARLAN_ROUNDS(0, w0);
        CTARLAN_ROUNDS(1, w1);
        CTARLAN_SCHEDULE1(w0, w1);
        CTARLAN_ROUNDS(2, w2);
        CTARLAN_SCHEDULE1(w1, w2);
        CTARLAN_ROUNDS(3, w3);
        CTARLAN_SCHEDULE2(w0, w3, w2);
        CTARLAN_SCHEDULE1(w2, w3);
        // Groups 4…12: vector g is complete; finish g+1, start g+3.
        CTARLAN_ROUNDS(4, w0);
        CTARLAN_SCHEDULE2(w1, w0, w3);
        CTARLAN_SCHEDULE1(w3, w0);
        CTARLAN_ROUNDS(5, w1);
        CTARLAN_SCHEDULE2(w2, w1, w0);
        CTARLAN_SCHEDULE1(w0, w1);
        CTARLAN_ROUNDS(6, w2);
        CTARLAN_SCHEDULE2(w3, w2, w1);
        CTARLAN_SCHEDULE1(w1, w2);
        CTARLAN_ROUNDS(7, w3);
        CTARLAN_SCHEDULE2(w0, w3, w2);
        CTARLAN_SCHEDULE1(w2, w3);
        CTARLAN_ROUNDS(8, w0);
        CTARLAN_SCHEDULE2(w1, w0, w3);
        CTARLAN_SCHEDULE1(w3, w0);
        CTARLAN_ROUNDS(9, w1);
        CTARLAN_SCHEDULE2(w2, w1, w0);
        CTARLAN_SCHEDULE1(w0, w1);
        CTARLAN_ROUNDS(10, w2);
        CTARLAN_SCHEDULE2(w3, w2, w1);
        CTARLAN_SCHEDULE1(w1, w2);
        CTARLAN_ROUNDS(11, w3);
        CTARLAN_SCHEDULE2(w0, w3, w2);
        CTARLAN_SCHEDULE1(w2, w3);
        CTARLAN_ROUNDS(12, w0);
        CTARLAN_SCHEDULE2(w1, w0, w3);
        CTARLAN_SCHEDULE1(w3, w0);
        // Groups 13…15: no new vectors to start.
        CTARLAN_ROUNDS(13, w1);
        CTARLAN_SCHEDULE2(w2, w1, w0);
        CTARLAN_ROUNDS(14, w2);
        CTARLAN_SCHEDULE2(w3, w2, w1);
        CTARLAN_ROUNDS(15, w3);

        abef = _mm_add_epi32(abef, abefBefore);
        cdgh = _mm_add_epi32(cdgh, cdghBefore);
    }

    __m128i feba = _mm_shuffle_epi32(abef, 0x1B);
    __m128i dchg = _mm_shuffle_epi32(cdgh, 0xB1);
    _mm_storeu_si128((__m128i *)&state[0], _mm_blend_epi16(feba, dchg, 0xF0));
    _mm_storeu_si128((__m128i *)&state[4], _mm_alignr_epi8(dchg, feba, 8));
}

#undef CTARLAN_ROUNDS
#undef CTARLAN_SCHEDULE1
#undef CTARLAN_SCHEDULE2

void ctarlan_sha256_compress(uint32_t state[8], const void *blocks, size_t blockCount) {
    compress_x86(state, (const unsigned char *)blocks, blockCount);
}

#elif defined(CTARLAN_SHA256_ARM)

static int detect(void) {
    return (getauxval(AT_HWCAP) & HWCAP_SHA2) != 0;
}

// vsha256hq/vsha256h2q run four rounds on ABCD and EFGH; su0/su1 compute the next schedule vector:
// W[v] = su1(su0(W[v-4], W[v-3]), W[v-2], W[v-1]).

#if defined(__clang__)
#define CTARLAN_TARGET_SHA2 __attribute__((target("sha2")))
#else
#define CTARLAN_TARGET_SHA2 __attribute__((target("+sha2")))
#endif

#define CTARLAN_ROUNDS(group, words)                                           \
    do {                                                                       \
        uint32x4_t wk = vaddq_u32((words), vld1q_u32(&roundConstants[4 * (group)])); \
        uint32x4_t abcdBeforeRounds = abcd;                                    \
        abcd = vsha256hq_u32(abcd, efgh, wk);                                  \
        efgh = vsha256h2q_u32(efgh, abcdBeforeRounds, wk);                     \
    } while (0)

#define CTARLAN_SCHEDULE(slot, w1, w2, w3) (slot) = vsha256su1q_u32(vsha256su0q_u32((slot), (w1)), (w2), (w3))

CTARLAN_TARGET_SHA2
static void compress_arm(uint32_t state[8], const unsigned char *data, size_t blockCount) {
    uint32x4_t abcd = vld1q_u32(&state[0]);
    uint32x4_t efgh = vld1q_u32(&state[4]);

    for (; blockCount > 0; blockCount--, data += 64) {
        const uint32x4_t abcdBefore = abcd, efghBefore = efgh;
        uint32x4_t w0 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 0)));
        uint32x4_t w1 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 16)));
        uint32x4_t w2 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 32)));
        uint32x4_t w3 = vreinterpretq_u32_u8(vrev32q_u8(vld1q_u8(data + 48)));

        // Groups 0…11 use vector g, then replace it with vector g+4.
        CTARLAN_ROUNDS(0, w0);
        CTARLAN_SCHEDULE(w0, w1, w2, w3);
        CTARLAN_ROUNDS(1, w1);
        CTARLAN_SCHEDULE(w1, w2, w3, w0);
        CTARLAN_ROUNDS(2, w2);
        CTARLAN_SCHEDULE(w2, w3, w0, w1);
        CTARLAN_ROUNDS(3, w3);
        CTARLAN_SCHEDULE(w3, w0, w1, w2);
        CTARLAN_ROUNDS(4, w0);
        CTARLAN_SCHEDULE(w0, w1, w2, w3);
        CTARLAN_ROUNDS(5, w1);
        CTARLAN_SCHEDULE(w1, w2, w3, w0);
        CTARLAN_ROUNDS(6, w2);
        CTARLAN_SCHEDULE(w2, w3, w0, w1);
        CTARLAN_ROUNDS(7, w3);
        CTARLAN_SCHEDULE(w3, w0, w1, w2);
        CTARLAN_ROUNDS(8, w0);
        CTARLAN_SCHEDULE(w0, w1, w2, w3);
        CTARLAN_ROUNDS(9, w1);
        CTARLAN_SCHEDULE(w1, w2, w3, w0);
        CTARLAN_ROUNDS(10, w2);
        CTARLAN_SCHEDULE(w2, w3, w0, w1);
        CTARLAN_ROUNDS(11, w3);
        CTARLAN_SCHEDULE(w3, w0, w1, w2);
        CTARLAN_ROUNDS(12, w0);
        CTARLAN_ROUNDS(13, w1);
        CTARLAN_ROUNDS(14, w2);
        CTARLAN_ROUNDS(15, w3);

        abcd = vaddq_u32(abcd, abcdBefore);
        efgh = vaddq_u32(efgh, efghBefore);
    }

    vst1q_u32(&state[0], abcd);
    vst1q_u32(&state[4], efgh);
}

#undef CTARLAN_ROUNDS
#undef CTARLAN_SCHEDULE

void ctarlan_sha256_compress(uint32_t state[8], const void *blocks, size_t blockCount) {
    compress_arm(state, (const unsigned char *)blocks, blockCount);
}

#else

int ctarlan_sha256_accelerated(void) {
    return 0;
}

void ctarlan_sha256_compress(uint32_t state[8], const void *blocks, size_t blockCount) {
    (void)state;
    (void)blocks;
    (void)blockCount;
    __builtin_trap();
}

#endif
