/**
 * The message contract in the real browsers: malformed messages to the background and to the
 * content script get a refusal (a reply saying why), never an error thrown in a handler, and
 * leave both working: the page stays marked and reported, the next good message is answered.
 */
import { expect } from 'vitest';
import { defineE2E } from './harness';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Malformed for any receiver: no message shape, no type, an unknown or inherited type. */
const MALFORMED: Json[] = [
  null,
  42,
  'getInfo',
  [],
  {},
  { type: 7, data: null },
  { type: 'noSuchMessage', data: null },
  { type: '__proto__', data: null },
  { type: 'constructor', data: null },
];

const TO_BACKGROUND: Json[] = [
  ...MALFORMED,
  { type: 'getEntity', data: { id: 5 } },
  { type: 'getTabReport', data: { tabId: 'seven' } },
  { type: 'getCardData', data: { ref: { kind: 'person', id: 'mark-ruffalo' } } },
  { type: 'reportPage', data: { url: 'https://x.example/', people: 'everyone' } },
  { type: 'setSettings', data: 'history=false' },
  { type: 'lookupSelection', data: { tabId: 1 } },
];

const TO_CONTENT: Json[] = [
  ...MALFORMED,
  { type: 'getInfo', data: null },
  { type: 'focusMention', data: { step: 2 } },
  { type: 'revealMention', data: { ref: 'mark-ruffalo' } },
  { type: 'showLookup', data: { query: 5, entityId: null } },
];

defineE2E('malformed messages to the background are refused, and it keeps answering', async (t) => {
  const replies = await t.extensionPage.evaluate(async (api, messages) => {
    const out: unknown[] = [];
    for (const message of messages) {
      try {
        out.push(await api.runtime.sendMessage(message));
      } catch (error) {
        out.push({ threw: String(error) });
      }
    }
    return out as Json[];
  }, TO_BACKGROUND);
  replies.forEach((reply, i) => {
    expect(reply, JSON.stringify(TO_BACKGROUND[i])).toMatchObject({
      refused: expect.stringMatching(/^(malformed|unknown-type)$/),
      detail: expect.any(String),
    });
  });
  // Settings untouched, and the next good message answered.
  expect((await t.sendToBackground('getSettings', null)).history).toBe(true);
  expect((await t.sendToBackground('getInfo', null)).signatoriesPublished).toBeGreaterThan(0);
  expect(await t.consoleErrors()).toEqual([]);
});

defineE2E('malformed messages to the content script are refused, and the page stays marked', async (t) => {
  const page = await t.open('/pages/statuses.html');
  const before = await t.waitForTabReport(page);
  expect(before.people.length).toBeGreaterThan(0);
  const tabId = await t.tabIdOf(page);
  const replies = await t.extensionPage.evaluate(
    async (api, id, messages) => {
      const out: unknown[] = [];
      for (const message of messages) {
        try {
          out.push(await api.tabs.sendMessage(id, message));
        } catch (error) {
          out.push({ threw: String(error) });
        }
      }
      return out as Json[];
    },
    tabId,
    TO_CONTENT,
  );
  replies.forEach((reply, i) => {
    expect(reply, JSON.stringify(TO_CONTENT[i])).toMatchObject({
      refused: expect.stringMatching(/^(malformed|unknown-type)$/),
    });
  });
  // Still running: it reports the same page, and the next good message moves to a mention.
  const report = await t.extensionPage.evaluate(
    (api, id) => api.tabs.sendMessage(id, { type: 'getReport', data: null }) as Promise<Json>,
    tabId,
  );
  expect(report).toMatchObject({ people: before.people as unknown as Json[] });
  const moved = await t.extensionPage.evaluate(
    (api, id) => api.tabs.sendMessage(id, { type: 'focusMention', data: { step: 1 } }) as Promise<Json>,
    tabId,
  );
  expect(moved).toEqual({ ok: true });
  expect(await t.consoleErrors()).toEqual([]);
});
