import type { Page } from 'playwright-core';

/** The occurrence log (and the police liaison's shared-incidents view), driven from the keyboard. */
export class OccurrenceLogPage {
  constructor(readonly page: Page) {}

  get view() {
    return this.page.getByTestId('view-occurrences');
  }
  get form() {
    return this.page.getByTestId('incident-form');
  }
  get detail() {
    return this.page.getByTestId('incident-detail');
  }
  get notice() {
    return this.page.getByTestId('records-notice');
  }

  /** Alt+O: the occurrence log screen. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+O');
    await this.view.waitFor();
  }

  row(ref: string) {
    return this.page.locator(`[data-testid="incident-row"][data-ref="${ref}"]`);
  }

  /** The references listed, top to bottom (only the rows rendered by the windowed list). */
  refs(): Promise<string[]> {
    return this.page
      .getByTestId('incident-row')
      .evaluateAll((rows) => rows.map((r) => r.getAttribute('data-ref') ?? ''));
  }

  /** The element that has keyboard focus: its test id. */
  focusedTestId(): Promise<string | null> {
    return this.page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? null);
  }

  narrative(kind?: 'operator' | 'police-comment') {
    const all = this.page.getByTestId('narrative-entry');
    return kind ? this.page.locator(`[data-testid="narrative-entry"][data-kind="${kind}"]`) : all;
  }

  detailField(name: string) {
    return this.page.getByTestId(`incident-field-${name}`);
  }
}
