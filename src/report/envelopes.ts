import type { Attachment, Timestamp } from '@cucumber/messages';

/** Cucumber Messages (https://github.com/cucumber/messages), as cucumber's own package types them. */
export type { Envelope, TestStepResult, Timestamp } from '@cucumber/messages';

export function timestampMs(timestamp: Timestamp | undefined): number | undefined {
  if (!timestamp) return undefined;
  return timestamp.seconds * 1000 + timestamp.nanos / 1e6;
}

export function attachmentText(attachment: Attachment): string {
  return attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
}
