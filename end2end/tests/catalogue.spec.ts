import { test, expect } from './fixtures';
import type { Page } from '@playwright/test';

const cardNames = '.product-card h3 a';

/** Marks the window; a full page load would lose the mark. */
async function mark(page: Page) {
  await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));
}
async function stayed(page: Page) {
  return page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed === true);
}

test.describe('catalogue with JavaScript', () => {
  test('search without diacritics, filter, open a product, all in place', async ({ page }) => {
    await page.goto('/products');
    await mark(page);

    await page.getByLabel('Tìm trong danh mục').fill('dua go');
    await page.getByLabel('Tìm trong danh mục').press('Enter');
    await expect(page).toHaveURL(/\/products\?q=dua\+go/);
    await expect(page.locator(cardNames).first()).toHaveText('Đũa gỗ Quảng Thủy');

    await page.goto('/products');
    await mark(page);
    await page.locator('.facet').filter({ hasText: 'Nhóm sản phẩm' }).getByRole('link', { name: /Thực phẩm/ }).click();
    await expect(page).toHaveURL(/group=thuc-pham/);
    await page.locator('.facet').filter({ hasText: 'Hạng sao' }).getByRole('link', { name: /4 sao/ }).click();
    await expect(page).toHaveURL(/group=thuc-pham&star=4/);
    const badges = page.locator('.product-card .star-badge');
    await expect(badges.first()).toBeVisible();
    for (const badge of await badges.all()) await expect(badge).toHaveClass(/star-4/);
    for (const group of await page.locator('.product-card .group').all()) await expect(group).toHaveText('Thực phẩm');

    const first = page.locator(cardNames).first();
    const name = (await first.textContent()) ?? '';
    await first.click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
    await expect(page.getByText('Chứng nhận OCOP')).toBeVisible();
    // The product page's contact form is an island: it hydrates after the in-place swap, as
    // it comes near the screen.
    await page.locator('.inquiry-form').scrollIntoViewIfNeeded();
    await expect(page.locator('.inquiry-form')).toHaveAttribute('data-hydrated', 'true');

    await page.goBack();
    await expect(page).toHaveURL(/group=thuc-pham&star=4/);
    expect(await stayed(page)).toBe(true);
  });

  test('switching the language keeps the page and remembers the choice', async ({ page }) => {
    await page.goto('/products?q=toi+den');
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('OCOP products');
    await expect(page).toHaveURL(/\/products\?q=toi\+den/);
    await expect(page.locator('.results-count')).toContainText('products found');
    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('OCOP products of Quảng Bình');
    await page.getByRole('link', { name: 'Tiếng Việt' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Sản phẩm OCOP Quảng Bình');
  });
});

test.describe('catalogue without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the same browsing works with plain links and forms', async ({ page }) => {
    await page.goto('/products');
    await page.getByLabel('Tìm trong danh mục').fill('DUA GO');
    await page.getByRole('button', { name: 'Tìm', exact: true }).last().click();
    await expect(page.locator(cardNames).first()).toHaveText('Đũa gỗ Quảng Thủy');

    await page.goto('/products');
    await page.locator('.facet').filter({ hasText: 'Hạng sao' }).getByRole('link', { name: /5 sao/ }).click();
    await expect(page).toHaveURL(/star=5/);
    for (const badge of await page.locator('.product-card .star-badge').all()) await expect(badge).toHaveClass(/star-5/);
    await page.locator(cardNames).first().click();
    await expect(page.getByText('Chứng nhận OCOP')).toBeVisible();
    await expect(page.locator('.qr svg')).toBeVisible();
  });
});
