import { test, expect, signIn, signOut, ACCOUNTS } from './fixtures';

// Staff write a post, preview it without saving, and publish it; the public finds it on the
// news page and the home page. The handbook prints to A4: a cover, the introduction, each
// product group from a new page, and the index.

test('staff preview a post without saving it, then publish it for everyone to read', async ({ page }) => {
  await signIn(page, ACCOUNTS.staff);
  await page.getByRole('navigation', { name: 'Trang cán bộ' }).getByRole('link', { name: 'Tin tức' }).click();
  await page.getByRole('link', { name: 'Viết bài mới' }).click();
  await page.locator('#f-title').fill('Phiên chợ OCOP cuối tuần tại Đồng Hới');
  await page.locator('#f-summary').fill('Mười hai gian hàng sản phẩm OCOP mở cửa sáng thứ bảy.');
  await page.locator('#f-body').fill('## Thời gian\n\nSáng **thứ bảy**, từ 7 giờ.\n\n- nước mắm\n- tỏi đen');
  await page.getByLabel('Xúc tiến thương mại').check();
  await page.getByRole('button', { name: 'Xem trước' }).click();

  const preview = page.locator('section.news-preview');
  await expect(preview.getByRole('heading', { name: 'Thời gian' })).toBeVisible();
  await expect(preview.locator('strong')).toHaveText('thứ bảy');
  // Nothing saved yet: what was typed is still in the form.
  await expect(page.locator('#f-title')).toHaveValue('Phiên chợ OCOP cuối tuần tại Đồng Hới');
  await expect(page.getByLabel('Xúc tiến thương mại')).toBeChecked();

  await page.getByLabel('Công bố ngay').check();
  await page.getByRole('button', { name: 'Tạo bài' }).click();
  await expect(page.getByText('Đã lưu.')).toBeVisible();
  await expect(page.getByText('Đã công bố').first()).toBeVisible();
  await signOut(page);

  await page.goto('/news?topic=trade_promotion');
  await page.getByRole('link', { name: 'Phiên chợ OCOP cuối tuần tại Đồng Hới' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Phiên chợ OCOP cuối tuần tại Đồng Hới');
  await expect(page.locator('.prose li')).toHaveText(['nước mắm', 'tỏi đen']);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Phiên chợ OCOP cuối tuần tại Đồng Hới' })).toBeVisible();
});

test('the handbook prints on A4 with each product group from a new page', async ({ page }) => {
  await signIn(page, ACCOUNTS.staff);
  await page.goto('/admin/reports');
  await page.getByRole('link', { name: 'Sổ tay sản phẩm OCOP (bản in A4)' }).click();
  await page.getByLabel('Công nhận từ năm').fill('2018');
  await page.getByLabel('đến năm').fill('2020');
  await page.getByRole('button', { name: 'Lập sổ tay' }).click();
  await expect(page.locator('.handbook-period')).toHaveText('Giai đoạn 2018–2020');

  const entries = await page.locator('.handbook-entry').count();
  const groups = await page.locator('.handbook-group').count();
  expect(entries).toBeGreaterThan(10);
  await expect(page.locator('.handbook-entry .qr svg')).toHaveCount(entries);

  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Lập sổ tay' })).toBeHidden();
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  // Cover and introduction, then each group from its own page, then the index: at least that;
  // and an entry takes at most a third of a page, so never more than that allows.
  expect(pages).toBeGreaterThanOrEqual(2 + groups + 1);
  expect(pages).toBeLessThanOrEqual(2 + groups + Math.ceil(entries / 3) + 2);
});
