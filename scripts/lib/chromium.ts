/**
 * How every tool here starts headless Chromium: the e2e suite, the bench and the demo. The flags
 * are the brief's: no background traffic, no QUIC (it would bypass the test proxy), no GPU.
 */
export const CHROMIUM_FLAGS: readonly string[] = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** The Chromium binary: CHROMIUM_PATH, else Debian's (`apt-get install chromium`). */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}
