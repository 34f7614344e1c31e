import { test, expect, PUBLIC_PAGES } from './fixtures';

// On a 390 × 844 phone: the catalogue shows a product at once, its filters folded behind one
// line that says how many are chosen; no public page scrolls sideways.

test.use({ viewport: { width: 390, height: 844 } });

test('on a phone the catalogue opens on its products, the filters folded behind one line', async ({ page }) => {
  await page.goto('/products?group=thuc-pham&star=4');
  const card = await page.locator('.product-card').first().boundingBox();
  expect(card).not.toBeNull();
  expect(card!.y).toBeLessThan(844);
  const filters = page.locator('details.facets summary');
  await expect(filters).toHaveText(/Bộ lọc \(2 đang chọn\)/);
  await expect(page.getByRole('link', { name: /Đồ uống/ })).toBeHidden();
  await filters.click();
  await expect(page.getByRole('link', { name: /Đồ uống/ })).toBeVisible();
});

test('no public page scrolls sideways on a phone', async ({ page }) => {
  for (const path of PUBLIC_PAGES) {
    await page.goto(path);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width, path).toBeLessThanOrEqual(390);
  }
});

test('a page fetches the WASM only when an island comes near the screen', async ({ page }) => {
  const wasm: string[] = [];
  page.on('request', (request) => {
    if (/\.wasm$/.test(new URL(request.url()).pathname)) wasm.push(request.url());
  });
  // No island on the catalogue: no WASM, whatever the reader does there.
  await page.goto('/products');
  await page.mouse.wheel(0, 4000);
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual([]);

  // A product page's contact form is far below the first screen: its WASM waits for it.
  await page.goto('/products/toi-den-co-don-quang-minh');
  await page.waitForLoadState('networkidle');
  expect(wasm).toEqual([]);
  await page.locator('.inquiry-form').scrollIntoViewIfNeeded();
  await expect(page.locator('.inquiry-form')).toHaveAttribute('data-hydrated', 'true');
  expect(wasm).toHaveLength(1);
});
