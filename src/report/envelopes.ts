/**
 * The parts of Cucumber messages (https://github.com/cucumber/messages) that the run summary reads.
 * Declared here, loosely, so that reading messages.ndjson needs nothing beyond what it contains.
 */
export interface Timestamp {
  seconds: number;
  nanos: number;
}

export interface TestStepResult {
  status: string;
  message?: string;
  duration?: Timestamp;
}

export interface Envelope {
  testRunStarted?: { timestamp: Timestamp; id?: string };
  testRunFinished?: { timestamp: Timestamp; success?: boolean; message?: string };
  pickle?: { id: string; name: string; uri: string; steps: Array<{ id: string; text: string }> };
  testCase?: { id: string; pickleId: string; testSteps: Array<{ id: string; pickleStepId?: string; hookId?: string }> };
  testCaseStarted?: { id: string; testCaseId: string; attempt: number; timestamp: Timestamp; workerId?: string };
  testCaseFinished?: { testCaseStartedId: string; willBeRetried: boolean; timestamp: Timestamp };
  testStepStarted?: { testCaseStartedId: string; testStepId: string };
  testStepFinished?: { testCaseStartedId: string; testStepId: string; testStepResult: TestStepResult };
  attachment?: {
    body: string;
    contentEncoding: 'IDENTITY' | 'BASE64';
    mediaType: string;
    fileName?: string;
    testCaseStartedId?: string;
    testStepId?: string;
    testRunHookStartedId?: string;
    timestamp?: Timestamp;
  };
  hook?: { id: string; name?: string; type?: string };
  testRunHookStarted?: { id: string; hookId: string; testRunStartedId?: string; workerId?: string };
}

export function timestampMs(timestamp: Timestamp | undefined): number | undefined {
  if (!timestamp) return undefined;
  return timestamp.seconds * 1000 + timestamp.nanos / 1e6;
}

export function attachmentText(attachment: NonNullable<Envelope['attachment']>): string {
  return attachment.contentEncoding === 'BASE64' ? Buffer.from(attachment.body, 'base64').toString('utf8') : attachment.body;
}
