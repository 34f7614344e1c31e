import { test, expect, signIn, ACCOUNTS } from './fixtures';
import { join } from 'node:path';

// The office's logo, as an admin sets it on /admin/settings: checked from its content, kept,
// and shown in the header of every page from the next request, beside the site's short name.

test('a logo an admin chooses shows in the header of every page', async ({ page }) => {
  await signIn(page, ACCOUNTS.admin);
  await page.getByRole('navigation', { name: 'Trang cán bộ' }).getByRole('link', { name: 'Cài đặt' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Cài đặt của cơ quan' })).toBeVisible();
  await page.getByLabel('Biểu trưng', { exact: false }).setInputFiles(join(__dirname, '..', 'fixtures', 'photo.jpg'));
  await page.getByRole('button', { name: 'Lưu', exact: true }).click();
  await expect(page.getByText('Đã lưu. Mọi trang hiển thị thông tin mới.')).toBeVisible();
  await expect(page.getByRole('img', { name: 'Biểu trưng hiện tại' })).toBeVisible();

  // A visitor's page, not only the admin's: the header's logo is there and its file loads.
  await page.context().clearCookies();
  for (const path of ['/', '/products']) {
    await page.goto(path);
    const logo = page.locator('header .brand img.brand-logo');
    await expect(logo).toBeVisible();
    expect(await logo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    await expect(page.locator('header .brand')).toContainText('OCOP');
  }
});
