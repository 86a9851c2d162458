import type { Page } from 'playwright-core';

/** The sign-in screen, as an operator at a desk uses it: type a name and password, press Enter. */
export class SignInPage {
  constructor(readonly page: Page) {}

  /** Opens the console (query kept: the wall's URL options apply once signed in). */
  async open(baseUrl: string, params: Record<string, string> = {}): Promise<void> {
    const q = new URLSearchParams(params).toString();
    await this.page.goto(`${baseUrl}/${q ? `?${q}` : ''}`);
    await this.username.waitFor();
  }

  get username() {
    return this.page.getByTestId('signin-username');
  }
  get password() {
    return this.page.getByTestId('signin-password');
  }
  get error() {
    return this.page.getByTestId('signin-error');
  }
  get sessionEnded() {
    return this.page.getByTestId('session-ended-message');
  }

  /** Types the credentials into the focused form and submits with Enter (keyboard first). */
  async submit(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.password.press('Enter');
  }

  /** Signs in and waits until the console shows who is signed in. */
  async signIn(username: string, password: string): Promise<void> {
    await this.submit(username, password);
    await this.page.getByTestId('user-menu').waitFor();
  }
}

/** The first-administrator screen reached through the one-time link `#setup=<token>`. */
export class SetupPage {
  constructor(readonly page: Page) {}

  async open(baseUrl: string, token: string): Promise<void> {
    await this.page.goto(`${baseUrl}/#setup=${token}`);
    await this.page.getByTestId('setup-username').waitFor();
  }

  field(name: 'username' | 'display-name' | 'password' | 'confirm') {
    return this.page.getByTestId(`setup-${name}`);
  }

  async create(username: string, displayName: string, password: string, confirm = password): Promise<void> {
    await this.field('username').fill(username);
    await this.field('display-name').fill(displayName);
    await this.field('password').fill(password);
    await this.field('confirm').fill(confirm);
    await this.page.getByTestId('setup-submit').click();
  }
}

/** The user menu: who is signed in, sign out, sign out everywhere. */
export class UserMenu {
  constructor(readonly page: Page) {}

  get button() {
    return this.page.getByTestId('user-menu');
  }

  async signOut(everywhere = false): Promise<void> {
    await this.button.click();
    await this.page.getByTestId(everywhere ? 'signout-everywhere' : 'signout').click();
  }
}
