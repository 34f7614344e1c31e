import { test as base, expect } from '@playwright/test';
import type { Page } from '@playwright/test';

// Every browser test fails if the page logs a console error or throws: hydration problems
// show up there first.
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors, 'console errors').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/** The demo accounts the browser tests sign in with. */
export const ACCOUNTS = {
  admin: { email: 'quantri@ocop.example.vn', password: 'quantri-ocop-2021' },
  staff: { email: 'canbo@ocop.example.vn', password: 'canbo-ocop-2021' },
  sonLoc: { email: 'sonloc@ocop.example.vn', password: 'sonloc-ocop-2021' },
  quangMinh: { email: 'toiden@ocop.example.vn', password: 'toiden-ocop-2021' },
  // The commune officer of Đông Trạch, the commune Sơn Lộc became part of in 2025.
  dongTrach: { email: 'xadongtrach@ocop.example.vn', password: 'dongtrach-ocop-2025' },
};

/** Signs in through the form, and waits until the header offers to sign out. */
export async function signIn(page: Page, who: { email: string; password: string }) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(who.email);
  await page.getByLabel('Mật khẩu').fill(who.password);
  await page.getByRole('button', { name: 'Đăng nhập' }).click();
  await expect(page.getByRole('button', { name: 'Đăng xuất' })).toBeVisible();
}

export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Đăng xuất' }).click();
  await expect(page.getByRole('link', { name: 'Đăng nhập' })).toBeVisible();
}

/** A day counted from today, as <input type=date> takes it: 2026-12-30. */
export function daysFromNow(days: number): string {
  const day = new Date();
  day.setDate(day.getDate() + days);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${day.getFullYear()}-${pad(day.getMonth() + 1)}-${pad(day.getDate())}`;
}

/** One public page of each kind, as the demo data has them. */
export const PUBLIC_PAGES = [
  '/',
  '/products',
  '/products/nuoc-mam-ca-com-bao-ninh',
  '/producers',
  '/producers/htx-nong-nghiep-son-loc',
  '/fairs',
  '/fairs/hoi-cho-ocop-dong-hoi-2026',
  '/news',
  '/news/tinh-hinh-trien-khai-thuc-hien-chuong-trinh-ocop',
  '/stats',
  '/data',
];
