import { connectGroup, forEvery } from '../crowd';
import { receiveMessage, textEquals } from '../receiving';
import type { StepGroup } from '../registry';
import { sendOrFail } from '../sending';

export const crowdSteps: StepGroup = {
  id: 'crowd',
  title: 'Many clients (named "user-1" ... "user-N")',
  steps: [
    {
      keyword: 'Given',
      pattern: '{int} client(s) {string} are/is connected',
      example: 'Given 3 clients "user" are connected',
      summary: 'Creates "user-1" ... "user-3" and connects them all at once.',
      run: (w, a) => connectGroup(w, a.string(1), a.int(0)),
    },
    {
      keyword: 'When',
      pattern: 'every client {string} sends {string}',
      example: 'When every client "user" sends "hi"',
      summary: "Each client of the group sends this message in its default frame type.",
      run: (w, a) => {
        const text = a.string(1);
        return forEvery(w.clientGroup(a.string(0)), (named) => sendOrFail(named, JSON.stringify(text), (c) => c.send(text)));
      },
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive {string}',
      example: 'Then every client "user" should receive "hi" within 2 seconds',
      waits: true,
      summary: 'Each client of the group receives this text message; the failure lists every client that did not.',
      run: (w, a) => {
        const text = a.string(1);
        return forEvery(w.clientGroup(a.string(0)), (named) => receiveMessage(w, named, textEquals(text), a.within));
      },
    },
  ],
};
