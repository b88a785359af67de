/**
 * Loaded into a server the benchmarks measure (`node --expose-gc --import …/gc-probe.mjs`), never in
 * production: asked over the IPC channel, it collects all garbage and answers process.memoryUsage(),
 * so memory per connection counts what connections hold, not the garbage a burst of subscribes left.
 */
process.channel?.unref();
process.on('message', (/** @type {{ probe?: string } | undefined} */ message) => {
  if (message?.probe !== 'memory-after-gc') return;
  // Twice: what the first collection frees (finalizers, weak references) can free more.
  globalThis.gc?.();
  globalThis.gc?.();
  process.send?.({
    probe: 'memory-after-gc',
    ...process.memoryUsage(),
    collected: Boolean(globalThis.gc),
  });
});
