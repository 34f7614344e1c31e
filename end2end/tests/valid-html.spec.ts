import { test, expect, signIn, ACCOUNTS, PUBLIC_PAGES } from './fixtures';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The public pages and the producer portal, as served, checked by the Nu HTML Checker (npm
// vnu-jar, on the machine's Java). What Leptos itself writes is known and listed in the README:
// its `<!>` hydration markers ("Bogus comment") and the resolver scripts after `</html>`. Any
// other error is ours and fails the test.

const CHECKED_PAGES = [...PUBLIC_PAGES, '/products?group=thuc-pham&star=4', '/login'];

const PORTAL_PAGES = [
  '/portal',
  '/portal/products',
  '/portal/products/new',
  '/portal/profile',
  '/portal/inquiries',
  '/portal/events',
  '/portal/ocop',
];

function leptos(message: string): boolean {
  return (
    message === 'Bogus comment.' ||
    message.startsWith('Stray start tag “script”') ||
    message.startsWith('Cannot recover after last error')
  );
}

test('the public pages and the portal are valid HTML but for what Leptos writes', async ({ page }) => {
  const dir = mkdtempSync(join(tmpdir(), 'ocop-vnu-'));
  const files: string[] = [];
  const save = async (path: string) => {
    const reply = await page.request.get(path);
    expect(reply.status(), path).toBe(200);
    const file = join(dir, `${files.length}.html`);
    writeFileSync(file, await reply.text());
    files.push(file);
  };
  for (const path of CHECKED_PAGES) await save(path);
  await signIn(page, ACCOUNTS.sonLoc);
  for (const path of PORTAL_PAGES) await save(path);

  const jar = join(__dirname, '..', 'node_modules', 'vnu-jar', 'build', 'dist', 'vnu.jar');
  let output: string;
  try {
    output = execFileSync('java', ['-jar', jar, '--errors-only', '--format', 'json', ...files], { encoding: 'utf8', stdio: 'pipe' });
  } catch (failed: any) {
    // The checker exits non-zero when it finds errors; its report is on stderr.
    output = failed.stderr?.toString() || failed.stdout?.toString() || '';
  }
  const report = JSON.parse(output) as { messages: { url: string; message: string; extract?: string }[] };
  const all = [...CHECKED_PAGES, ...PORTAL_PAGES];
  const ours = report.messages
    .filter((m) => !leptos(m.message))
    .map((m) => `${all[Number(m.url.split('/').pop()!.replace('.html', ''))]}: ${m.message} in ${m.extract ?? ''}`);
  expect(ours).toEqual([]);
});
