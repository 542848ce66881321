// Preloaded (`node --import`) by benches into the CLI process: on exit, writes the node process's own
// peak RSS (all its threads) to stderr, so a bench can tell it from its git processes' (GNU time's %M
// is the largest process's: on a huge history that is git, with its mapped pack index).
process.on('exit', () => {
  process.stderr.write(`\nKEYLESS-NODE-PEAK-KB ${process.resourceUsage().maxRSS}\n`);
});
