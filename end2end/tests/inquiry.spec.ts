import { test, expect } from './fixtures';

test.describe('contacting a producer', () => {
  test('with JavaScript: fields are checked in place and the message is sent without leaving', async ({ page }) => {
    await page.goto('/products/toi-den-co-don-quang-minh');
    // The submit handler belongs to the WASM, which loads as the form comes near the screen.
    await page.locator('.inquiry-form').scrollIntoViewIfNeeded();
    await expect(page.locator('.inquiry-form')).toHaveAttribute('data-hydrated', 'true');
    await page.evaluate(() => ((window as unknown as { stayed: boolean }).stayed = true));

    await page.getByLabel('Họ và tên').fill('Trần Văn Minh');
    await page.getByLabel('Email').fill('minh@');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page.locator('#inquiry-email-error')).toHaveText('Địa chỉ email không hợp lệ.');
    await expect(page.locator('#inquiry-message-error')).toHaveText('Vui lòng nhập nội dung cần hỏi.');
    await expect(page.getByLabel('Email')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Email').fill('minh@example.vn');
    await page.getByLabel('Nội dung cần hỏi').fill('Tỏi đen có giao tới Huế không ạ?');
    const sent = page.waitForResponse((r) => r.url().endsWith('/api/inquiry') && r.status() === 200);
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await sent;
    await expect(page.locator('.form-notice')).toContainText('Đã gửi câu hỏi.');
    await expect(page.getByLabel('Nội dung cần hỏi')).toHaveValue('');
    expect(await page.evaluate(() => (window as unknown as { stayed?: boolean }).stayed)).toBe(true);
  });
});

test.describe('contacting a producer without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the form posts, comes back with what was typed and messages next to the fields, then sends', async ({ page, consoleErrors }) => {
    await page.goto('/producers/co-so-toi-den-quang-minh');
    await page.getByLabel('Họ và tên').fill('Lê Thị Hoa');
    await page.getByLabel('Nội dung cần hỏi').fill('Cho tôi đặt 5 hũ tỏi đen.');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page.locator('#inquiry-phone-error')).toContainText('Vui lòng để lại số điện thoại hoặc email');
    await expect(page.locator('#inquiry-message-error')).toHaveText('');
    await expect(page.getByLabel('Họ và tên')).toHaveValue('Lê Thị Hoa');
    await expect(page.getByLabel('Nội dung cần hỏi')).toHaveValue('Cho tôi đặt 5 hũ tỏi đen.');
    await expect(page.getByLabel('Số điện thoại')).toHaveAttribute('aria-invalid', 'true');

    await page.getByLabel('Số điện thoại').fill('0905 123 456');
    await page.getByRole('button', { name: 'Gửi câu hỏi' }).click();
    await expect(page).toHaveURL(/\/producers\/co-so-toi-den-quang-minh\?sent#contact$/);
    await expect(page.locator('.form-notice')).toContainText('Đã gửi câu hỏi.');
    // The browser reports the refused post (422) itself; nothing else may have gone wrong.
    const others = consoleErrors.filter((message) => !message.includes('422'));
    consoleErrors.splice(0, consoleErrors.length, ...others);
  });
});
