/**
 * The flags Node runs `samen serve` with: in `npm start` (package.json), in the container (Dockerfile) and for the
 * benchmarks' server (bench/run.ts); `test/serve-flags.test.ts` keeps the three the same.
 *
 * A limit on the JavaScript heap of 1 GB: far above what the server holds (about 150 MB after the country-scale
 * load) and what one large export builds, but it also sets how far V8 lets the heap grow between collections. On a
 * machine with much memory V8 otherwise lets it grow fourfold before collecting, and a server under 50 connections
 * rose from 330 to 630 MB resident memory serving lists; with this limit it stays near 350 MB at the same speed
 * (BENCHMARKS.md, decision 27).
 */
export const serveNodeFlags = ["--max-old-space-size=1024"] as const;
