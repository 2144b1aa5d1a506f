import { connectGroup, forEvery } from '../crowd';
import { expectedPathValue, jsonContaining, jsonPathIs, parseExpectedJson, receiveMessage, textEquals } from '../receiving';
import type { StepGroup } from '../registry';
import { sendOrFail } from '../sending';
import { namedRows } from '../step-args';
import { clientUrl } from './connect';

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
      keyword: 'Given',
      pattern: '{int} client(s) {string} are/is connected to {string}',
      example: 'Given 3 clients "user" are connected to "/chat"',
      summary: "The same, each for this path (joined onto the target's path, leading slash or not) or URL.",
      run: (w, a) => connectGroup(w, a.string(1), a.int(0), { url: clientUrl(a.string(2)) }),
    },
    {
      keyword: 'Given',
      pattern: '{int} client(s) {string} are/is connected with the headers:',
      example: 'Given 3 clients "user" are connected with the headers:',
      argument: { kind: 'table', example: '| Authorization | Bearer ${env:TOKEN} |' },
      summary: 'The same, each sending these handshake headers (name | value), as "sends the headers" does for one client.',
      run: (w, a) => connectGroup(w, a.string(1), a.int(0), { headers: namedRows(a.rows(), 'headers') }),
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
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive a JSON message containing:',
      example: 'Then every client "user" should receive a JSON message containing:',
      argument: { kind: 'doc', example: '"""\n{ "type": "joined" }\n"""' },
      waits: true,
      summary: 'Each client of the group receives a JSON text message containing this (as "should receive a JSON message containing").',
      run: (w, a) => {
        const expected = parseExpectedJson(a.doc());
        return forEvery(w.clientGroup(a.string(0)), (named) => receiveMessage(w, named, jsonContaining(expected), a.within, { subset: expected }));
      },
    },
    {
      keyword: 'Then',
      pattern: 'every client {string} should receive a JSON message where {string} is {string}',
      example: 'Then every client "user" should receive a JSON message where "$.room" is "lobby"',
      waits: true,
      summary: 'Each client of the group receives a JSON text message where the JSONPath selects this value.',
      run: (w, a) => {
        const path = a.string(1);
        const expected = expectedPathValue(a.string(2));
        return forEvery(w.clientGroup(a.string(0)), (named) => receiveMessage(w, named, jsonPathIs(path, expected), a.within, { path }));
      },
    },
  ],
};
