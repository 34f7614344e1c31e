import { test, expect, signIn, signOut, ACCOUNTS } from './fixtures';
import { join } from 'node:path';

// A producer keeps their own listing: the change waits for staff, then goes public; they
// answer a customer; another producer's pages stay closed to them.
const PRODUCT = '/products/nuoc-mam-chay-son-loc';
const NEW_NAME = 'Nước mắm chay Sơn Lộc chai thủy tinh';
const PHOTO_ALT = 'Chai nước mắm chay trên bàn gỗ';

test('a producer edits a listing with a photo, staff approve it, the public sees it', async ({ page }) => {
  await page.goto(PRODUCT);
  const oldName = (await page.locator('h1').innerText()).trim();
  expect(oldName).not.toBe(NEW_NAME);

  await signIn(page, ACCOUNTS.sonLoc);
  await expect(page).toHaveURL(/\/portal$/);
  await page.getByRole('navigation', { name: 'Cổng nhà sản xuất' }).getByRole('link', { name: 'Sản phẩm' }).click();
  await page.locator('li.own-item', { has: page.locator(`a[href="${PRODUCT}"]`) }).locator('a.own-name').click();
  await expect(page.getByLabel('Tên sản phẩm')).toHaveValue(oldName);
  await page.getByLabel('Tên sản phẩm').fill(NEW_NAME);
  await page.getByLabel('Thêm ảnh').setInputFiles(join(__dirname, '..', 'fixtures', 'photo.jpg'));
  await page.getByLabel('Mô tả ảnh mới').fill(PHOTO_ALT);
  await page.getByRole('button', { name: 'Gửi duyệt' }).click();
  await expect(page).toHaveURL(/\/portal\/products\?sent/);
  await expect(page.locator('li.own-item', { hasText: NEW_NAME }).locator('.badge')).toHaveText('Chờ duyệt');
  await signOut(page);

  // Until staff approve, the public keeps the approved version.
  await page.goto(PRODUCT);
  await expect(page.locator('h1')).toHaveText(oldName);

  await signIn(page, ACCOUNTS.staff);
  await expect(page).toHaveURL(/\/admin$/);
  await page.goto('/admin/reviews');
  await page.getByRole('link', { name: NEW_NAME }).click();
  await expect(page.locator('table.diff')).toContainText(oldName);
  await expect(page.locator('table.diff')).toContainText(NEW_NAME);
  await expect(page.getByRole('img', { name: PHOTO_ALT })).toBeVisible();
  await page.getByRole('button', { name: 'Duyệt và công khai' }).click();
  await expect(page.locator('.form-notice')).toContainText('Đã duyệt');
  await signOut(page);

  await page.goto(PRODUCT);
  await expect(page.locator('h1')).toHaveText(NEW_NAME);
  await expect(page.getByRole('img', { name: PHOTO_ALT }).first()).toBeVisible();
});

test('a producer answers an inquiry from the inbox', async ({ page }) => {
  // A customer asks, through the contact form (an island: it must hydrate to send).
  await page.goto(PRODUCT);
  await page.locator('.inquiry-form').scrollIntoViewIfNeeded();
  await expect(page.locator('.inquiry-form')).toHaveAttribute('data-hydrated', 'true');
  await page.getByLabel('Họ và tên').fill('Phạm Thu Hà');
  await page.getByLabel('Email').fill('thuha@example.vn');
  await page.getByLabel('Nội dung cần hỏi').fill('Cho tôi hỏi giá 20 chai giao về Đồng Hới?');
  await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
  await expect(page.locator('.form-notice')).toContainText('Đã gửi câu hỏi.');

  await signIn(page, ACCOUNTS.sonLoc);
  await expect(page.locator('.account-link .count')).toBeVisible();
  await page.getByRole('navigation', { name: 'Cổng nhà sản xuất' }).getByRole('link', { name: 'Hộp thư' }).click();
  await page.getByRole('link', { name: /^Mới \(\d+\)$/ }).click();
  // Opening it marks it read: the page, once hydrated, posts that (the GET changes nothing).
  const markedRead = page.waitForResponse(
    (r) => r.url().endsWith('/api/portal/inquiry/read') && r.request().method() === 'POST' && r.status() === 200,
  );
  await page.getByRole('link', { name: 'Phạm Thu Hà' }).click();
  await expect(page.locator('.inquiry-message')).toHaveText('Cho tôi hỏi giá 20 chai giao về Đồng Hới?');
  await markedRead;
  await expect(page.getByLabel('Trạng thái')).toHaveValue('new');
  await page.reload();
  await expect(page.getByLabel('Trạng thái')).toHaveValue('read');
  await expect(page.getByRole('link', { name: 'Trả lời qua email' })).toHaveAttribute('href', /^mailto:thuha@example\.vn/);
  await page.getByLabel('Trạng thái').selectOption('answered');
  await page.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.locator('.form-notice')).toContainText('Đã cập nhật trạng thái.');
  await expect(page.getByLabel('Trạng thái')).toHaveValue('answered');
});

test("a producer cannot open another producer's edit page", async ({ page, consoleErrors }) => {
  // Find one of the other producer's listings while signed in as them.
  await signIn(page, ACCOUNTS.quangMinh);
  await page.goto('/portal/products');
  const theirs = await page.locator('a.own-name').first().getAttribute('href');
  expect(theirs).toMatch(/^\/portal\/products\/\d+$/);
  await signOut(page);

  await signIn(page, ACCOUNTS.sonLoc);
  const response = await page.goto(theirs!);
  expect(response?.status()).toBe(404);
  await expect(page.locator('h1')).toHaveText('Không tìm thấy trang');
  // The browser reports the 404 itself; nothing else may have gone wrong.
  const others = consoleErrors.filter((message) => !message.includes('404'));
  consoleErrors.splice(0, consoleErrors.length, ...others);
});

test.describe('the portal without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('a refused profile comes back with the message by its field, then saves', async ({ page, consoleErrors }) => {
    await signIn(page, ACCOUNTS.quangMinh);
    await page.goto('/portal/profile');
    const phone = page.getByLabel('Điện thoại', { exact: true });
    await phone.fill('gọi tôi');
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await expect(page.locator('#f-phone-error')).toHaveText('Số điện thoại gồm 8–15 chữ số, ví dụ 0232 3822 123.');
    await expect(phone).toHaveAttribute('aria-invalid', 'true');
    await expect(phone).toHaveValue('gọi tôi');
    await phone.fill('0232 3822 123');
    await page.getByRole('button', { name: 'Lưu hồ sơ' }).click();
    await expect(page.locator('.form-notice')).toContainText('Đã lưu hồ sơ.');
    await expect(phone).toHaveValue('0232 3822 123');
    // The browser reports the refused post (422) itself; nothing else may have gone wrong.
    const others = consoleErrors.filter((message) => !message.includes('422'));
    consoleErrors.splice(0, consoleErrors.length, ...others);
  });
});

test('a sheet of stamps prints each A4 sheet on one page, no stamp cut across two', async ({ page }) => {
  await signIn(page, ACCOUNTS.quangMinh);
  await page.goto('/portal/products/31/stamps?size=30&sheets=3');
  await expect(page.getByRole('heading', { name: 'In tem OCOP' })).toBeVisible();
  // 30 mm stamps: five across, six down, on each of the three sheets.
  await expect(page.locator('.stamp-sheet')).toHaveCount(3);
  await expect(page.locator('.stamp')).toHaveCount(90);
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Xem tem' })).toBeHidden();
  // Each sheet fits the printable height of A4 (297 mm less 2 × 12 mm of margin).
  const tallest = await page.locator('.stamp-sheet').evaluateAll((sheets) =>
    Math.max(...sheets.map((sheet) => sheet.getBoundingClientRect().height)),
  );
  expect(tallest).toBeLessThanOrEqual(((297 - 24) / 25.4) * 96);
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  const pages = (pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length;
  expect(pages).toBe(3);
});
