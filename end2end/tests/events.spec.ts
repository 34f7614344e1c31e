import { test, expect, daysFromNow, signIn, signOut, ACCOUNTS } from './fixtures';
import type { Download, Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { Workbook } from 'exceljs';

// A fair from start to finish: staff create it, draw a row of booths and publish it; a
// producer applies with two products; staff approve the application by clicking a booth on
// the plan; the public page shows the exhibitor at that booth, and the exhibitor list
// downloads as CSV and XLSX with the same rows. Then the same key steps without JavaScript,
// where every form is a plain HTML post and every booth on the plan a plain link.

const STAFF = ACCOUNTS.staff;
const SON_LOC = {
  ...ACCOUNTS.sonLoc,
  name: 'Hợp tác xã Nông nghiệp Sơn Lộc',
  // Products no other browser test renames or hides: the server is shared by every file.
  products: ['Nấm mộc nhĩ Sơn Lộc', 'Trà nấm linh chi Sơn Lộc'],
};
const QUANG_MINH = {
  ...ACCOUNTS.quangMinh,
  name: 'Cơ sở Tỏi đen Quảng Minh',
  products: ['Tỏi đen cô đơn Quảng Minh', 'Rượu tỏi đen Quảng Minh'],
};
const BOOTH_TYPE = 'Gian tiêu chuẩn 3×3 m';

/** The plan's drawing (the table under it repeats the booths, folded away). */
function plan(page: Page) {
  return page.locator('.floor-plan svg');
}

/** A booth on the plan, by the code written on it. */
function boothOnPlan(page: Page, code: string) {
  return plan(page).locator('.booth', { has: page.locator('text', { hasText: new RegExp(`^${code}$`) }) });
}

/** Fills the new-event form for a fair that starts in a month, then creates it. */
async function fillNewFair(page: Page, name: string, dates: { starts: string; ends: string; closes: string }) {
  await page.getByLabel('Loại sự kiện').selectOption({ label: 'Hội chợ' });
  await page.getByLabel('Tên sự kiện').fill(name);
  await page.getByLabel('Tóm tắt').fill('Hội chợ thử của bộ kiểm thử trình duyệt.');
  await page.getByLabel('Đơn vị tổ chức').fill('Văn phòng Điều phối OCOP tỉnh');
  await page.getByLabel('Địa điểm', { exact: true }).fill('Quảng trường Hồ Chí Minh');
  await page.getByLabel('Địa chỉ', { exact: true }).fill('Đồng Hới, Quảng Trị');
  await page.getByLabel('Ngày bắt đầu').fill(dates.starts);
  await page.getByLabel('Ngày kết thúc').fill(dates.ends);
  await page.getByLabel('Hạn đăng ký').fill(dates.closes);
  await page.getByRole('button', { name: 'Tạo sự kiện' }).click();
}

const FAIR_DATES = { starts: daysFromNow(30), ends: daysFromNow(32), closes: daysFromNow(20) };

/**
 * Staff, on the new event's page: add a booth type, then a row of four booths A01–A04,
 * then publish. Returns the public page's address.
 */
async function drawBoothsAndPublish(page: Page): Promise<string> {
  await page.getByRole('navigation', { name: 'Các trang của sự kiện' }).getByRole('link', { name: 'Sơ đồ gian hàng' }).click();
  await expect(page).toHaveURL(/\/booths$/);
  // The row form needs a booth type to put in its select, so it appears only once one exists.
  await expect(page.getByRole('button', { name: 'Thêm dãy gian' })).toHaveCount(0);
  await page.getByLabel('Tên loại').fill(BOOTH_TYPE);
  await page.getByLabel('Diện tích (m²)').fill('9');
  await page.getByLabel('Giá (đồng)').fill('3000000');
  await page.getByLabel('Bao gồm').fill('Bàn, 2 ghế, điện chiếu sáng');
  await page.getByRole('button', { name: 'Thêm loại' }).click();
  await expect(page.locator('.form-notice')).toContainText('Đã lưu.');
  await expect(page.getByRole('row', { name: new RegExp(BOOTH_TYPE) })).toContainText('3.000.000');

  await page.getByLabel('Tiền tố mã').fill('A');
  await page.getByLabel('Số đầu').fill('1');
  await page.getByLabel('Số gian').fill('4');
  await expect(page.getByRole('combobox', { name: /^Loại gian/ })).toHaveValue(/\d+/);
  await page.getByRole('button', { name: 'Thêm dãy gian' }).click();
  await expect(page.locator('.form-notice')).toContainText('Đã lưu.');
  // Four free booths side by side, each drawn with its code.
  await expect(plan(page).locator('.booth text')).toHaveText(['A01', 'A02', 'A03', 'A04']);
  await expect(plan(page).locator('.booth.booth-available')).toHaveCount(4);

  await page.getByRole('navigation', { name: 'Các trang của sự kiện' }).getByRole('link', { name: 'Thông tin' }).click();
  await expect(page.getByRole('heading', { name: 'Trạng thái: Bản nháp' })).toBeVisible();
  await page.getByRole('button', { name: 'Công bố' }).click();
  await expect(page.getByRole('heading', { name: 'Trạng thái: Đang nhận đăng ký' })).toBeVisible();
  const publicPage = await page.getByRole('link', { name: 'Trang công khai' }).getAttribute('href');
  expect(publicPage).toMatch(/^\/fairs\/[a-z0-9-]+$/);
  return publicPage!;
}

/** A producer, from the portal's event list: applies for a standard booth with two products. */
async function applyWithTwoProducts(page: Page, fair: string, producer: typeof SON_LOC) {
  await page.getByRole('navigation', { name: 'Cổng nhà sản xuất' }).getByRole('link', { name: 'Sự kiện' }).click();
  await page.getByRole('link', { name: fair }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(fair);
  const type = page.getByLabel('Loại gian hàng');
  const label = await type.locator('option', { hasText: BOOTH_TYPE }).textContent();
  // The producer sees the type with its size and price before choosing.
  expect(label).toMatch(/^Gian tiêu chuẩn 3×3 m · 9 m² · 3\.000\.000\s₫$/);
  await type.selectOption({ label: label! });
  const shown = page.getByRole('group', { name: 'Sản phẩm sẽ trưng bày' });
  for (const product of producer.products) await shown.getByLabel(product).check();
  await page.getByLabel('Lời nhắn cho ban tổ chức').fill('Xin gian gần lối vào, có ổ điện.');
  await page.getByRole('button', { name: 'Gửi đơn' }).click();
  await expect(page).toHaveURL(/\?sent$/);
  await expect(page.locator('.form-notice')).toContainText('Đã gửi.');
  await expect(page.getByRole('heading', { name: 'Đơn của bạn: đang chờ xét' })).toBeVisible();
}

/**
 * Staff open the application from the event's queue and approve it by clicking a booth on the
 * plan. Callers pick a booth other than A01: the form's list preselects the first free booth,
 * so only the click can have chosen the one that gets approved.
 */
async function approveAtBoothOnPlan(page: Page, fair: string, producer: typeof SON_LOC, code: string) {
  await page.goto('/admin/events');
  await page.getByRole('link', { name: fair }).click();
  await page.getByRole('navigation', { name: 'Các trang của sự kiện' }).getByRole('link', { name: 'Đơn đăng ký' }).click();
  await expect(page.getByRole('link', { name: 'Đang chờ xét (1)' })).toBeVisible();
  await page.getByRole('link', { name: producer.name }).click();
  await expect(page.getByRole('heading', { name: producer.name })).toBeVisible();
  for (const product of producer.products) await expect(page.locator('.shown-products')).toContainText(product);

  await expect(page.getByRole('heading', { name: 'Duyệt và xếp gian' })).toBeVisible();
  const booth = boothOnPlan(page, code);
  await expect(booth).toHaveAttribute('href', /\?booth=\d+#decide$/);
  await booth.click();
  await expect(page).toHaveURL(/\?booth=\d+#decide$/);
  // The clicked booth is the one chosen in the form and the one outlined on the plan.
  const chosen = page.getByRole('combobox', { name: /^Gian/ });
  await expect(chosen.locator('option:checked')).toHaveText(new RegExp(`^${code} · ${BOOTH_TYPE}`));
  await expect(boothOnPlan(page, code)).toHaveClass(/booth-marked/);
  await expect(plan(page).locator('.booth-marked')).toHaveCount(1);
  await page.getByRole('button', { name: 'Duyệt với gian này' }).click();
  await expect(page).toHaveURL(/\?saved$/);
  await expect(page.locator('.form-notice')).toContainText('Đã lưu.');
  await expect(page.locator('dl.facts dd').first()).toHaveText(`đã được duyệt · gian ${code}`);
}

/** The public page: the exhibitor is listed at its booth, and its booth on the plan leads to its online booth. */
async function expectExhibitorAtBooth(page: Page, publicPage: string, producer: typeof SON_LOC, code: string) {
  await page.goto(publicPage);
  await expect(page.getByRole('heading', { name: 'Đơn vị trưng bày (1)' })).toBeVisible();
  const listed = page.locator('ul.exhibitors > li');
  await expect(listed).toHaveCount(1);
  await expect(listed.locator('.booth-code')).toHaveText(code);
  await expect(listed.getByRole('link', { name: producer.name })).toHaveAttribute('href', /^\/producers\/[a-z0-9-]+$/);
  for (const product of producer.products) await expect(listed.locator('.shown-products')).toContainText(product);

  const booth = boothOnPlan(page, code);
  await expect(booth).toHaveClass(/booth-assigned/);
  await expect(booth).toHaveAttribute('aria-label', `${code} · Đã xếp · ${producer.name}`);
  await expect(booth).toHaveAttribute('href', new RegExp(`^${publicPage}/[a-z0-9-]+$`));
  // The other booths are still free, and a free booth leads nowhere.
  await expect(plan(page).locator('.booth.booth-available')).toHaveCount(3);
  await expect(plan(page).locator('a.booth')).toHaveCount(1);
  await booth.click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Gian hàng trực tuyến: ${producer.name}`);
  await expect(page.locator('.event-when')).toContainText(`Gian ${code} · `);
  for (const product of producer.products) await expect(page.locator('.product-grid')).toContainText(product);
}

/** Clicks a download link and reads the file it saves. */
async function download(page: Page, link: string): Promise<{ name: string; bytes: Buffer }> {
  const [file]: [Download, void] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name: link }).click(),
  ]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/**
 * CSV as RFC 4180 writes it: a field may be quoted, and then holds commas, line ends and
 * doubled quotes; records end with CRLF.
 */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char !== '"') {
        field += char;
      } else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else {
        quoted = false;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ',') {
      endField();
    } else if (char === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (char !== '\r') {
      field += char;
    }
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}

/** Every row of the workbook's only sheet, each cell as the text a spreadsheet shows. */
async function readXlsx(bytes: Buffer): Promise<{ sheets: string[]; rows: string[][] }> {
  const workbook = new Workbook();
  await workbook.xlsx.load(bytes);
  const sheet = workbook.worksheets[0];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let column = 1; column <= sheet.columnCount; column++) cells.push(row.getCell(column).text);
    rows.push(cells);
  });
  return { sheets: workbook.worksheets.map((s) => s.name), rows };
}

test.describe('a fair with JavaScript', () => {
  // Each step works on what the one before made; after a failure the rest cannot run.
  test.describe.configure({ mode: 'serial' });

  const FAIR = 'Hội chợ thử nghiệm Xuân Quảng Trị';
  const CODE = 'A03';
  let publicPage = '';

  test('staff create a fair, add a row of booths and publish it', async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto('/admin/events');
    await page.getByRole('link', { name: 'Tạo sự kiện' }).click();
    await expect(page).toHaveURL(/\/admin\/events\/new$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tạo sự kiện');
    await fillNewFair(page, FAIR, FAIR_DATES);
    await expect(page).toHaveURL(/\/admin\/events\/\d+\?saved$/);
    await expect(page.locator('.form-notice')).toContainText('Đã lưu.');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FAIR);

    publicPage = await drawBoothsAndPublish(page);
    // Published, the fair is on the public list.
    await signOut(page);
    await page.goto('/fairs');
    await expect(page.getByRole('link', { name: FAIR })).toHaveAttribute('href', publicPage);
  });

  test('a producer applies with two products', async ({ page }) => {
    await signIn(page, SON_LOC);
    await applyWithTwoProducts(page, FAIR, SON_LOC);
  });

  test('staff approve the application by clicking a booth on the plan, and the producer sees it', async ({ page }) => {
    await signIn(page, STAFF);
    await approveAtBoothOnPlan(page, FAIR, SON_LOC, CODE);
    await signOut(page);

    // The producer sees the decision and its own booth outlined on the plan.
    await signIn(page, SON_LOC);
    await page.goto('/portal/events');
    await page.getByRole('link', { name: FAIR }).click();
    await expect(page.getByRole('heading', { name: 'Đơn của bạn: đã được duyệt' })).toBeVisible();
    await expect(page.locator('.booth-code-big')).toHaveText(`Gian của bạn: ${CODE}`);
    await expect(plan(page).locator('.booth-marked text')).toHaveText(CODE);
  });

  test('the public page shows the exhibitor at its booth, and the fair goes into a calendar', async ({ page }) => {
    await expectExhibitorAtBooth(page, publicPage, SON_LOC, CODE);

    // Visitors find an exhibitor by a product, typed without diacritics as on most phones.
    await page.goto(publicPage);
    const search = page.getByLabel('Tìm đơn vị, gian hoặc sản phẩm');
    await search.fill('tra nam linh chi');
    await search.press('Enter');
    await expect(page).toHaveURL(/\?q=tra\+nam\+linh\+chi/);
    await expect(page.locator('ul.exhibitors > li .booth-code')).toHaveText([CODE]);
    await search.fill('nuoc mam');
    await search.press('Enter');
    await expect(page.locator('#exhibitors [role=status]')).toHaveText('Không có đơn vị nào khớp “nuoc mam”.');

    const calendar = page.getByRole('link', { name: 'Thêm vào lịch' });
    await expect(calendar).toHaveAttribute('href', `${publicPage}/calendar.ics`);
    const ics = await page.request.get(`${publicPage}/calendar.ics`);
    expect(ics.headers()['content-type']).toContain('text/calendar');
    // iCalendar folds long lines (CRLF and a space); unfolded, each property is one line.
    const lines = (await ics.text()).replace(/\r\n[ \t]/g, '').split('\r\n');
    expect(lines).toContain(`SUMMARY:${FAIR}`);
    const day = (iso: string) => iso.replace(/-/g, '');
    expect(lines).toContain(`DTSTART;VALUE=DATE:${day(FAIR_DATES.starts)}`);
    // A whole-day event ends, in iCalendar, on the day after its last day.
    expect(lines).toContain(`DTEND;VALUE=DATE:${day(daysFromNow(33))}`);
  });

  test('the exhibitor list downloads as CSV and as XLSX with the same rows', async ({ page }) => {
    await signIn(page, STAFF);
    await page.goto('/admin/events');
    await page.getByRole('link', { name: FAIR }).click();
    await page.getByRole('navigation', { name: 'Các trang của sự kiện' }).getByRole('link', { name: 'Đơn đăng ký' }).click();

    const csv = await download(page, 'Tải danh sách đơn vị (CSV)');
    const xlsx = await download(page, 'Tải danh sách đơn vị (Excel)');
    const slug = publicPage.split('/').pop();
    expect(csv.name).toBe(`gian-hang-${slug}.csv`);
    expect(xlsx.name).toBe(`gian-hang-${slug}.xlsx`);

    // UTF-8 with a byte-order mark, so that spreadsheet programs read Vietnamese right.
    expect([...csv.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csvRows = parseCsv(csv.bytes.toString('utf8').replace(/^\uFEFF/, ''));
    const workbook = await readXlsx(xlsx.bytes);
    expect(workbook.sheets).toEqual(['Gian hàng']);
    // The same header and the same rows, cell by cell, in both files.
    expect(workbook.rows).toEqual(csvRows);

    const [header, ...rows] = csvRows;
    expect(header).toEqual([
      'Gian',
      'Loại gian',
      'Chủ thể',
      'Loại hình',
      'Địa phương',
      'Điện thoại',
      'Sản phẩm',
      'Hạng sao cao nhất',
      'Trang chủ thể',
    ]);
    expect(rows).toHaveLength(1);
    const cell = (name: string) => rows[0][header.indexOf(name)];
    expect(cell('Gian')).toBe(CODE);
    expect(cell('Loại gian')).toBe(BOOTH_TYPE);
    expect(cell('Chủ thể')).toBe(SON_LOC.name);
    expect(cell('Sản phẩm').split('; ').sort()).toEqual([...SON_LOC.products].sort());
    expect(cell('Trang chủ thể')).toMatch(/^https?:\/\/.+\/producers\/[a-z0-9-]+$/);
  });
});

test.describe('a fair without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  const FAIR = 'Hội chợ thử nghiệm không JavaScript';
  const CODE = 'A02';

  test('the same key steps work with plain forms and links', async ({ page, consoleErrors }) => {
    await signIn(page, STAFF);
    await page.goto('/admin/events');
    await page.getByRole('link', { name: 'Tạo sự kiện' }).click();
    await expect(page).toHaveURL(/\/admin\/events\/new$/);

    // A refused form comes back with the message by its field and what was typed kept.
    await fillNewFair(page, FAIR, { ...FAIR_DATES, ends: daysFromNow(29) });
    await expect(page.locator('#f-ends_on-error')).toHaveText('Ngày kết thúc phải từ ngày bắt đầu trở đi.');
    await expect(page.getByLabel('Ngày kết thúc')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByLabel('Tên sự kiện')).toHaveValue(FAIR);
    await page.getByLabel('Ngày kết thúc').fill(FAIR_DATES.ends);
    await page.getByRole('button', { name: 'Tạo sự kiện' }).click();
    await expect(page).toHaveURL(/\/admin\/events\/\d+\?saved$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(FAIR);
    const publicPage = await drawBoothsAndPublish(page);
    await signOut(page);

    await signIn(page, QUANG_MINH);
    await applyWithTwoProducts(page, FAIR, QUANG_MINH);
    await signOut(page);

    await signIn(page, STAFF);
    await approveAtBoothOnPlan(page, FAIR, QUANG_MINH, CODE);
    await signOut(page);

    await expectExhibitorAtBooth(page, publicPage, QUANG_MINH, CODE);

    // The browser reports the refused post (422) itself; nothing else may have gone wrong.
    const others = consoleErrors.filter((message) => !message.includes('422'));
    consoleErrors.splice(0, consoleErrors.length, ...others);
  });
});
