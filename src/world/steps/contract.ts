import {
  mockFollowsDocument,
  receiveMatchingSchema,
  receiveNamedMessage,
  receiveReply,
  schemaFromDoc,
  schemaFromFile,
  sendExample,
  sendInvalidMessage,
  sendNamedMessage,
  setViolationMode,
  useContractDocument,
} from '../contract-actions';
import { expectedPathValue } from '../receiving';
import type { StepGroup } from '../registry';

export const contractSteps: StepGroup = {
  id: 'contract',
  title: 'Contracts: JSON Schema and AsyncAPI (every frame of every client is checked once a document is in use)',
  steps: [
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message matching the schema {string}',
      example: 'Then "alice" should receive a JSON message matching the schema "schemas/order.json"',
      waits: true,
      summary:
        'A JSON text message valid against this JSON Schema file (draft 7, or 2020-12 when its $schema says so), found beside the feature file, else from the project. A miss lists each schema error with its JSON pointer.',
      run: (w, a) => receiveMatchingSchema(w, w.client(a.string(0)), schemaFromFile(w, a.string(1)), a.string(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a JSON message matching the schema:',
      example: 'Then "alice" should receive a JSON message matching the schema:',
      argument: { kind: 'doc', example: '"""\n{ "type": "object", "required": ["id"], "properties": { "id": { "type": "string" } } }\n"""' },
      waits: true,
      summary: 'The same with the JSON Schema in the doc string.',
      run: (w, a) => receiveMatchingSchema(w, w.client(a.string(0)), schemaFromDoc(a.doc()), 'of the doc string', a.within),
    },
    {
      keyword: 'Given',
      pattern: 'the AsyncAPI document {string}',
      example: 'Given the AsyncAPI document "asyncapi.yaml"',
      summary:
        'An AsyncAPI 2.x or 3.x document (beside the feature file, else from the project) is the contract: from now on every frame each client sends and receives, and its handshake, is checked against the channel its URL is on.',
      run: async (w, a) => {
        await useContractDocument(w, a.string(0));
      },
    },
    {
      keyword: 'Given',
      pattern: 'contract violations only warn',
      example: 'Given contract violations only warn',
      summary: 'A frame that breaks the contract is reported (transcript, coverage) but does not fail the scenario.',
      run: (w) => setViolationMode(w, 'warn'),
    },
    {
      keyword: 'Given',
      pattern: 'contract violations fail the scenario',
      example: 'Given contract violations fail the scenario',
      summary: 'A frame that breaks the contract fails the scenario (the default).',
      run: (w) => setViolationMode(w, 'fail'),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a {string} message',
      example: 'Then "alice" should receive a "OrderConfirmed" message',
      waits: true,
      summary: 'A message valid against the payload schema of the contract message with this name or id.',
      run: (w, a) => receiveNamedMessage(w, w.client(a.string(0)), a.string(1), a.within),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a {string} message where {string} is {string}',
      example: 'Then "alice" should receive a "OrderConfirmed" message where "$.id" is "A-17"',
      waits: true,
      summary: 'The same, with a JSONPath value as in "should receive a JSON message where".',
      run: (w, a) => receiveNamedMessage(w, w.client(a.string(0)), a.string(1), a.within, { path: a.string(2), value: expectedPathValue(a.string(3)) }),
    },
    {
      keyword: 'Then',
      pattern: '{string} should receive a {string} reply',
      example: 'Then "alice" should receive a "OrderConfirmed" reply',
      waits: true,
      summary: 'A message of this name whose correlationId (as the document declares it) is that of the last message the client sent with one.',
      run: (w, a) => receiveReply(w, w.client(a.string(0)), a.string(1), a.within),
    },
    {
      keyword: 'When',
      pattern: '{string} sends a {string} message:',
      example: 'When "alice" sends a "PlaceOrder" message:',
      argument: { kind: 'doc', example: '"""\n{ "type": "placeOrder", "id": "A-17", "item": "tea" }\n"""' },
      summary: 'Sends the doc string as JSON after checking it against the message\'s schema; nothing is sent when it breaks it.',
      run: (w, a) => sendNamedMessage(w, w.client(a.string(0)), a.string(1), a.doc()),
    },
    {
      keyword: 'When',
      pattern: '{string} sends an invalid {string} message:',
      example: 'When "alice" sends an invalid "PlaceOrder" message:',
      argument: { kind: 'doc', example: '"""\n{ "type": "placeOrder" }\n"""' },
      summary: 'Sends JSON that breaks the message\'s schema, on purpose (a valid one is refused); it is not counted as a violation.',
      run: (w, a) => sendInvalidMessage(w, w.client(a.string(0)), a.string(1), a.doc()),
    },
    {
      keyword: 'When',
      pattern: '{string} sends the example of {string}',
      example: 'When "alice" sends the example of "PlaceOrder"',
      summary: "Sends the first example's payload of the named message, as JSON.",
      run: (w, a) => sendExample(w, w.client(a.string(0)), a.string(1)),
    },
    {
      keyword: 'Given',
      pattern: 'the mock server follows the AsyncAPI document',
      example: 'Given the mock server follows the AsyncAPI document',
      summary:
        'The mock server answers each message with the reply the document declares for it (AsyncAPI 3 `reply`; in 2.x the message with the same correlationId), from the reply\'s first example, with the request\'s correlation id; other messages get no answer.',
      run: (w) => mockFollowsDocument(w),
    },
  ],
};
