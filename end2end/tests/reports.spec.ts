import { test, expect, signIn, ACCOUNTS } from './fixtures';
import type { Download } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';

// The progress report as staff use it: the 2021 cycle as of 30/07/2021 shows the figures of the
// source report, in its table and in the paragraph to copy; the XLSX downloaded holds the same
// numbers, as numbers.

const FIGURES: [string, number][] = [
  ['Sản phẩm đăng ký', 99],
  ['- sản phẩm mới', 27],
  ['- sản phẩm đã có', 72],
  ['Chủ thể kinh tế tham gia', 90],
  ['- doanh nghiệp', 14],
  ['- hợp tác xã, tổ hợp tác', 42],
  ['- hộ kinh doanh', 34],
  ['Sản phẩm được thẩm định đủ điều kiện', 52],
];

test('the 2021 report as of 30/07/2021 shows the source figures on the page and in its workbook', async ({ page }) => {
  await signIn(page, ACCOUNTS.staff);
  await page.getByRole('navigation', { name: 'Trang cán bộ' }).getByRole('link', { name: 'Báo cáo' }).click();
  await page.getByLabel('Chu trình').selectOption('2021');
  await page.getByLabel('Tính đến ngày').fill('2021-07-30');
  await page.getByRole('button', { name: 'Xem báo cáo' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Chu trình OCOP năm 2021, tính đến ngày 30/07/2021' })).toBeVisible();
  await expect(page.locator('.narrative')).toContainText(
    'tổng số sản phẩm đã đăng ký: 99 sản phẩm, gồm 27 sản phẩm mới và 72 sản phẩm đã có; tổng số chủ thể kinh tế tham gia: 90 chủ thể, gồm 14 doanh nghiệp, 42 hợp tác xã và tổ hợp tác, 34 hộ kinh doanh; số sản phẩm được thẩm định đủ điều kiện tham gia đánh giá, phân hạng: 52 sản phẩm',
  );
  const summary = page.locator('section', { has: page.getByRole('heading', { name: 'Tổng hợp' }) });
  for (const [label, value] of FIGURES) {
    await expect(summary.getByRole('row', { name: label, exact: false }).first()).toContainText(String(value));
  }

  // Printed: the office and the period head the page; the choices and links are left out.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByText('Văn phòng Điều phối Chương trình OCOP tỉnh Quảng Bình', { exact: true }).first()).toBeVisible();
  await expect(page.getByRole('button', { name: 'Xem báo cáo' })).toBeHidden();
  await expect(page.getByRole('link', { name: 'Tải cả báo cáo (XLSX)' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  const [file]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: 'Tải cả báo cáo (XLSX)' }).click(),
  ]);
  expect(file.suggestedFilename()).toBe('bao-cao-ocop-2021-2021-07-30.xlsx');
  const workbook = new Workbook();
  await workbook.xlsx.load(await readFile((await file.path())!));
  expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
    'Tổng hợp',
    'Theo địa bàn',
    'Theo nhóm sản phẩm',
    'Giấy chứng nhận',
    'Sự kiện, tập huấn',
    'Đối chiếu đơn vị hành chính',
  ]);
  const sheet = workbook.getWorksheet('Tổng hợp')!;
  const read: Map<string, unknown> = new Map();
  sheet.eachRow((row) => read.set(row.getCell(1).text, row.getCell(2).value));
  for (const [label, value] of FIGURES) expect(read.get(label)).toBe(value);
});
