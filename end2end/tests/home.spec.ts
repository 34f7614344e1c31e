import { test, expect } from './fixtures';

const cards = '.product-card';

test.describe('home page without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('is rendered on the server with certified products and working links', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sản phẩm OCOP Quảng Bình');
    await expect(page.locator(cards)).toHaveCount(12);
    await expect(page.locator(cards).first().locator('.price')).toContainText('₫');
    await expect(page.locator('.certified-products')).toHaveAttribute('data-hydrated', 'false');

    await page.getByRole('link', { name: '5 sao', exact: true }).click();
    await expect(page).toHaveURL(/\/\?star=5$/);
    await expect(page.locator(cards).first()).toBeVisible();
    for (const badge of await page.locator(`${cards} .star-badge`).all()) {
      await expect(badge).toHaveClass(/star-5/);
    }

    await page.goto('/');
    await page.getByRole('link', { name: 'Xem thêm sản phẩm' }).click();
    await expect(page).toHaveURL(/\/\?page=2$/);
    await expect(page.locator(cards).first()).toBeVisible();
  });
});

test.describe('home page with JavaScript', () => {
  test('the star filter and "load more" work in place once hydrated', async ({ page }) => {
    await page.goto('/');
    await expect(page.locator('.certified-products')).toHaveAttribute('data-hydrated', 'true');
    // A full page load would wipe this marker.
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    const filtered = page.waitForResponse((r) => r.url().includes('/api/certified-products') && r.ok());
    await page.getByRole('link', { name: '4 sao', exact: true }).click();
    await filtered;
    await expect(page).toHaveURL(/\/\?star=4$/);
    await expect(page.getByRole('link', { name: '4 sao', exact: true })).toHaveAttribute('aria-current', 'true');
    const badges = page.locator(`${cards} .star-badge`);
    await expect(badges.first()).toBeVisible();
    for (const badge of await badges.all()) {
      await expect(badge).toHaveClass(/star-4/);
    }

    // Wait for each answer: a click while a list is loading is ignored.
    const all = page.waitForResponse((r) => r.url().includes('/api/certified-products') && r.ok());
    await page.getByRole('link', { name: 'Tất cả', exact: true }).click();
    await all;
    await expect(page.getByRole('link', { name: 'Tất cả', exact: true })).toHaveAttribute('aria-current', 'true');
    await expect(page.locator(cards)).toHaveCount(12);
    const more = page.waitForResponse((r) => r.url().includes('/api/certified-products') && r.ok());
    await page.getByRole('link', { name: 'Xem thêm sản phẩm' }).click();
    await more;
    await expect(page.locator(cards)).toHaveCount(24);

    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });
});

test('monitors and unknown addresses get honest status codes', async ({ request }) => {
  const health = await request.get('/health');
  expect(health.status()).toBe(200);
  const missing = await request.get('/khong-co-trang-nay');
  expect(missing.status()).toBe(404);
  expect(await missing.text()).toContain('Không tìm thấy trang');
});
