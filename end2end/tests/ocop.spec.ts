import { test, expect, daysFromNow, signIn, signOut, ACCOUNTS } from './fixtures';
import type { Page } from '@playwright/test';
import { join } from 'node:path';

// The yearly OCOP cycle from registration to certificate: staff open next year's cycle; a
// producer registers a product it never had rated (a new product, form 01) and uploads the
// form; staff tick the dossier's items received and confirm it complete; the commune officer
// (1489/2025) checks local origin, labour and the idea and proposes it; staff appraise it eligible;
// a province council is formed and two members' sheets are entered; the council's result is
// closed and a decision recognises the product. The public product page shows the new star
// and certificate, and the producer sees the scores per part.

const STAFF = ACCOUNTS.staff;
const SON_LOC = ACCOUNTS.sonLoc;
const OFFICER = ACCOUNTS.dongTrach;
// A published product of Sơn Lộc never rated, that no other browser test renames or hides.
const PRODUCT = 'Nấm sò tươi Sơn Lộc';
const REQUIRED = ['form_01', 'form_03', 'form_04', 'business_registration', 'samples'];
const DECISION = '2468/QĐ-UBND';

/** One item of the dossier checklist, by its code. */
function item(page: Page, code: string) {
  return page.locator(`#item-${code}`);
}

test('a product goes from its registration to a certificate the public and its producer see', async ({ page }) => {
  const year = String(new Date().getFullYear() + 1);

  // Staff open next year's cycle under 1489/2025, taking registrations.
  await signIn(page, STAFF);
  await page.getByRole('navigation', { name: 'Trang cán bộ' }).getByRole('link', { name: 'Chu trình OCOP' }).click();
  await page.getByLabel('Năm').fill(year);
  await page.getByLabel('Tên', { exact: false }).first().fill(`Chu trình OCOP năm ${year}`);
  await page.getByLabel('Bộ tiêu chí áp dụng').selectOption({ label: '1489/QĐ-TTg (từ 06/07/2025)' });
  await page.getByLabel('Giai đoạn hiện tại').selectOption({ label: 'Nhận đăng ký' });
  await page.getByLabel('Bắt đầu').fill(daysFromNow(0));
  await page.getByLabel('Hạn đăng ký').fill(daysFromNow(60));
  await page.getByRole('button', { name: 'Mở chu trình' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Chu trình OCOP năm ${year}` })).toBeVisible();
  await signOut(page);

  // The producer registers its product as new and uploads form 01.
  await signIn(page, SON_LOC);
  await page.getByRole('navigation', { name: 'Cổng nhà sản xuất' }).getByRole('link', { name: 'OCOP' }).click();
  await page.getByLabel('Loại').selectOption({ label: 'Sản phẩm mới' });
  await page.getByLabel('Sản phẩm của cơ sở').selectOption({ label: PRODUCT });
  await page.getByRole('button', { name: 'Đăng ký', exact: true }).click();
  await expect(page.getByText('Đã đăng ký. Hãy nộp các mục hồ sơ bên dưới.')).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
  await item(page, 'form_01').getByRole('link', { name: 'Nộp tệp' }).click();
  await item(page, 'form_01')
    .getByLabel('Tệp PDF, JPEG hoặc PNG')
    .setInputFiles(join(__dirname, '..', 'fixtures', 'mau-01.pdf'));
  await item(page, 'form_01').getByRole('button', { name: 'Tải lên' }).click();
  await expect(item(page, 'form_01')).toContainText('Đã nộp, chờ kiểm tra');
  await expect(item(page, 'form_01').getByRole('link', { name: 'mau-01.pdf' })).toBeVisible();
  const registration = new URL(page.url()).pathname.split('/').pop();
  await signOut(page);

  // Staff find it among the cycle's registrations and tick the required items; the business
  // plan, organisation and registration papers came on paper and are scanned for the producer.
  await signIn(page, STAFF);
  await page.goto(`/admin/cycles/${year}/registrations`);
  await page.getByRole('link', { name: PRODUCT }).click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
  for (const code of REQUIRED) {
    if (code !== 'form_01' && code !== 'samples') {
      await item(page, code).getByRole('link', { name: 'Tải tệp thay chủ thể hoặc yêu cầu bổ sung' }).click();
      await item(page, code)
        .getByLabel('Tệp PDF, JPEG hoặc PNG')
        .setInputFiles(join(__dirname, '..', 'fixtures', 'photo.jpg'));
      await item(page, code).getByRole('button', { name: 'Tải lên' }).click();
      await expect(item(page, code)).toContainText('Đã nộp, chờ kiểm tra');
    }
    await item(page, code).getByRole('button', { name: 'Đã nhận' }).click();
    await expect(item(page, code)).toContainText('Đã nhận');
    await expect(item(page, code).getByRole('button', { name: 'Đã nhận' })).toHaveCount(0);
  }
  await page.getByRole('button', { name: 'Xác nhận hồ sơ đầy đủ' }).click();
  await expect(page.locator('.status').first()).toHaveText('Hồ sơ đầy đủ');
  // Under 1489 the province waits for the commune's proposal before its appraisal.
  await expect(page.getByText('hồ sơ chờ UBND xã xem xét')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Lưu kết quả thẩm định' })).toHaveCount(0);
  await signOut(page);

  // The commune officer finds it on its desk, checks the dossier and proposes it.
  await signIn(page, OFFICER);
  await page.getByRole('navigation', { name: 'Trang cán bộ xã' }).getByRole('link', { name: 'Hồ sơ OCOP của xã' }).click();
  await expect(page.getByText('Đông Trạch').first()).toBeVisible();
  await page.getByRole('link', { name: PRODUCT }).click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
  await page.getByRole('group', { name: 'Sản phẩm có nguồn gốc tại địa phương' }).getByLabel('Có').check();
  await page.getByRole('group', { name: 'Sản xuất sử dụng lao động địa phương' }).getByLabel('Có').check();
  await page.getByLabel('Ý tưởng, truyền thống của địa phương').check();
  await page.getByRole('button', { name: 'Đề xuất lên tỉnh' }).click();
  await expect(page.locator('.status').first()).toHaveText('Xã đã đề xuất lên tỉnh');
  await expect(page.getByRole('heading', { name: 'Xem xét của UBND xã' })).toBeVisible();
  await signOut(page);

  // The province appraises it eligible.
  await signIn(page, STAFF);
  await page.goto(`/admin/registrations/${registration}`);
  await expect(page.getByText('Cán bộ UBND xã Đông Trạch').first()).toBeVisible();
  await page.getByLabel('Đủ điều kiện tham gia đánh giá').check();
  await page.getByLabel('Ngày thẩm định').fill(daysFromNow(0));
  await page.getByRole('button', { name: 'Lưu kết quả thẩm định' }).click();
  await expect(page.locator('.status').first()).toHaveText('Đủ điều kiện đánh giá');

  // A province council, two members' sheets (a comma or a dot for decimals), the result.
  await page.goto(`/admin/cycles/${year}/councils`);
  await page.getByLabel('Cấp').selectOption({ label: 'Cấp tỉnh' });
  await page.getByLabel('Ngày thành lập').fill(daysFromNow(0));
  await page.getByLabel('Tên hội đồng').fill(`Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh năm ${year}`);
  await page
    .getByLabel('Thành viên, mỗi người một dòng')
    .fill('Nguyễn Văn An, Chủ tịch\nTrần Thị Bình, Phó Chủ tịch\nLê Văn Cường, Ủy viên');
  await page.getByRole('button', { name: 'Thành lập' }).click();
  const product = page.locator(`#product-${registration}`);
  for (const [member, a, b, c] of [
    ['Nguyễn Văn An', '32,5', '20', '28'],
    ['Trần Thị Bình', '31', '19.5', '27'],
  ]) {
    // The sheet's form stays open after a save, for the next member.
    const open = product.getByRole('link', { name: 'Nhập phiếu chấm' });
    if (await open.count()) await open.click();
    await product.getByLabel('Thành viên').selectOption({ label: member });
    await product.getByLabel('Phần A').fill(a);
    await product.getByLabel('Phần B').fill(b);
    await product.getByLabel('Phần C').fill(c);
    await product.getByRole('button', { name: 'Lưu phiếu chấm' }).click();
    await expect(product.getByRole('row', { name: new RegExp(member) })).toBeVisible();
  }
  // The average of 80,50 and 77,50, and the star of its band.
  await expect(product.getByRole('row', { name: /Trung bình/ })).toContainText('79,00');
  await expect(product.getByRole('row', { name: /Trung bình/ })).toContainText('4 ★');
  await product.getByRole('button', { name: 'Chốt kết quả của hội đồng' }).click();

  // The decision recognises it: a 4-star certificate for 36 months.
  await page.goto(`/admin/cycles/${year}/decision`);
  await expect(page.getByLabel(PRODUCT)).toBeChecked();
  await page.getByLabel('Số quyết định').fill(DECISION);
  await page.getByLabel('Ngày quyết định').fill(daysFromNow(0));
  await page.getByRole('button', { name: 'Công nhận và cấp giấy chứng nhận' }).click();
  await expect(page.getByLabel(PRODUCT)).toHaveCount(0);
  await signOut(page);

  // The public product page shows the star and the certificate at once.
  await page.goto('/products?q=nam+so+tuoi');
  await page.getByRole('link', { name: PRODUCT }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: PRODUCT })).toBeVisible();
  await expect(page.getByText('4 sao').first()).toBeVisible();
  await expect(page.getByText(DECISION)).toBeVisible();
  await expect(page.getByText('79,00/100')).toBeVisible();

  // The producer sees the council's scores per part, and its certificate.
  await signIn(page, SON_LOC);
  await page.goto(`/portal/ocop/${registration}`);
  const results = page.getByRole('row', { name: /Cấp tỉnh/ });
  for (const figure of ['31,75', '19,75', '27,50', '79,00', '4 ★', DECISION]) {
    await expect(results).toContainText(figure);
  }
  await expect(page.getByText(/QT-\d{4}-\d{4} · 4 ★ · Công nhận mới/)).toBeVisible();
});
