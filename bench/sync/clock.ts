// One clock for every process of the sync bench: process.hrtime is CLOCK_MONOTONIC on Linux (libuv's
// uv_hrtime), which all processes of a machine share, so a time taken in one peer process can be
// subtracted from a time taken in another one or in the parent. In ms.
export const now = (): number => Number(process.hrtime.bigint()) / 1e6;
