import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Debian's chromium, which .ci/run installs when it is missing; no browser is ever downloaded. */
export const CHROMIUM = process.env.WSBDD_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  return existsSync(CHROMIUM);
}

/** Flags for a quiet, offline, throwaway headless browser. */
function flags(userDataDir: string): string[] {
  return [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-dev-shm-usage',
    `--user-data-dir=${userDataDir}`,
    // Cucumber's report renders with JavaScript: let its scripts run before the DOM is dumped.
    '--virtual-time-budget=10000',
  ];
}

async function withProfile<T>(run: (userDataDir: string) => Promise<T>): Promise<T> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'wsbdd-chromium-'));
  try {
    return await run(userDataDir);
  } finally {
    await rm(userDataDir, { recursive: true, force: true });
  }
}

function chromium(args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(CHROMIUM, args, { timeout: 60_000, maxBuffer: 64 * 1024 * 1024, killSignal: 'SIGKILL' }, (error, stdout, stderr) => {
      if (error) reject(new Error(`chromium failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** The page's DOM after its scripts ran. */
export function dumpDom(htmlFile: string): Promise<string> {
  return withProfile((profile) => chromium([...flags(profile), '--dump-dom', pathToFileURL(htmlFile).href]));
}

export async function screenshot(htmlFile: string, pngFile: string, width = 1280, height = 2000): Promise<void> {
  await withProfile((profile) =>
    chromium([...flags(profile), '--hide-scrollbars', `--window-size=${width},${height}`, `--screenshot=${pngFile}`, pathToFileURL(htmlFile).href]),
  );
}

/** A script that opens every collapsed attachment, so a screenshot shows transcripts and diagrams. */
export const OPEN_ALL_DETAILS =
  '<script>new MutationObserver(function(){document.querySelectorAll("details:not([open])").forEach(function(d){d.open=true})})' +
  '.observe(document.documentElement,{childList:true,subtree:true});</script>';
