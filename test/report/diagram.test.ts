import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { diagramModel, foldRepeats, type DiagramEvent } from '../../src/report/diagram-model';
import { renderSequenceDiagram } from '../../src/report/diagram-svg';
import { wrapText } from '../../src/report/diagram-wrap';
import { scenarioRedactor } from '../../src/secrets/scenario-secrets';
import { TranscriptBuilder, sampleChatTranscript } from './sample-transcript';
import { allText, findAll, parseXml, type XmlElement } from './xml';
import { Redactor } from '../../src/secrets/redact';

/** No secret is known: these tests are about layout, not masking. */
const NO_SECRETS = new Redactor();

function labels(svg: XmlElement): string[] {
  return findAll(svg, 'text').map(allText);
}

/** A label as a reader takes it in: its wrapped lines (tspans placed at their own x) joined with spaces. */
function readLabel(text: XmlElement): string {
  const lines = text.children.filter((child) => child.name === 'tspan' && child.attributes.x !== undefined);
  return lines.length > 0 ? lines.map(allText).join(' ') : allText(text);
}

function readLabels(svg: XmlElement): string[] {
  return findAll(svg, 'text').map(readLabel);
}

describe('sequence diagram', () => {
  it('is a well-formed, self-contained SVG with a lane per client and one for the server', () => {
    const entries = new TranscriptBuilder().connect('alice').connect('bob').send('alice', 'hi').receive('bob', 'hi').entries;
    const source = renderSequenceDiagram(entries, { redactor: NO_SECRETS, title: 'two clients' });
    const svg = parseXml(source);
    assert.equal(svg.name, 'svg');
    assert.equal(svg.attributes.xmlns, 'http://www.w3.org/2000/svg');
    assert.ok(!/<script|href=|@import|url\(http/i.test(source), 'no scripts or external resources');
    const text = labels(svg);
    assert.ok(text.includes('alice') && text.includes('bob'));
    assert.ok(text.includes('server 127.0.0.1:40000'));
    assert.ok(text.some((label) => label.startsWith('Sequence diagram: two clients')));
  });

  it('draws frames as arrows labelled with opcode, length and preview', () => {
    const svg = parseXml(renderSequenceDiagram(sampleChatTranscript(), { redactor: NO_SECRETS }));
    const text = labels(svg);
    assert.ok(text.includes('text 5 B hello'), text.join(' | '));
    assert.ok(text.includes('ping 2 B p1'));
    assert.ok(text.includes('binary 3 B 01 02 ff'));
    assert.ok(text.includes('close 5 B 1000 bye'));
    // 8 frames + TCP connect + request + response = 11 arrows, each with an arrowhead.
    assert.equal(findAll(svg, 'line').filter((line) => line.attributes['marker-end']).length, 11);
  });

  it('marks closes and errors on the client lane', () => {
    const entries = new TranscriptBuilder()
      .connect('alice')
      .error('alice', 'pong-timeout', 'no pong within 500 ms')
      .close('alice', 1006, '', false, 'transport').entries;
    const svg = parseXml(renderSequenceDiagram(entries, { redactor: NO_SECRETS }));
    const text = labels(svg);
    assert.ok(text.includes('error pong-timeout: no pong within 500 ms'));
    assert.ok(text.includes('closed 1006, initiated by transport, not clean'));
    // The error's cross is drawn in red.
    assert.ok(findAll(svg, 'path').some((path) => path.attributes.stroke === '#dc2626'));
  });

  it('folds heartbeats repeated back to back into one block with a count', () => {
    const builder = new TranscriptBuilder().connect('alice');
    for (let index = 0; index < 30; index++) builder.frame('alice', 'out', 9, '').frame('alice', 'in', 10, '');
    const model = diagramModel(builder.entries, { redactor: NO_SECRETS });
    assert.equal(model.rows.length, 3 + 2);
    assert.equal(model.totalFrames, 60);
    const text = labels(parseXml(renderSequenceDiagram(builder.entries, { redactor: NO_SECRETS })));
    assert.ok(text.includes('×30'));
  });

  it('caps a long exchange with a "… N more frames" marker, keeping its start and end', () => {
    const builder = new TranscriptBuilder().connect('alice');
    for (let index = 0; index < 500; index++) builder.send('alice', `m${index}`).receive('alice', `m${index}`);
    const model = diagramModel(builder.entries, { redactor: NO_SECRETS, maxRows: 41 });
    assert.equal(model.rows.length, 41);
    const gap = model.rows.find((row) => row.type === 'gap');
    assert.ok(gap && gap.type === 'gap');
    assert.equal(gap.omittedFrames, 1000 - (41 - 1 - 3));
    const text = labels(parseXml(renderSequenceDiagram(builder.entries, { redactor: NO_SECRETS, maxRows: 41 })));
    assert.ok(text.some((label) => label.startsWith(`… ${gap.omittedFrames} more frames`)));
    assert.ok(text.includes('text 4 B m499'));
  });

  it('puts clients beyond the lane limit on one shared lane, labels prefixed with the client', () => {
    const builder = new TranscriptBuilder();
    for (let index = 1; index <= 10; index++) builder.send(`user-${index}`, 'hi');
    const model = diagramModel(builder.entries, { redactor: NO_SECRETS, maxClientLanes: 4 });
    assert.deepEqual(
      model.lanes.map((lane) => lane.label),
      ['user-1', 'user-2', 'user-3', '7 more clients', 'server'],
    );
    const text = labels(parseXml(renderSequenceDiagram(builder.entries, { redactor: NO_SECRETS, maxClientLanes: 4 })));
    assert.ok(text.includes('user-9: text 2 B hi'));
  });

  it('escapes payload text and masks secrets', () => {
    const entries = new TranscriptBuilder()
      .connect('alice', { cookie: 'sid=diagram-secret-42' })
      .send('alice', '</text><script>x</script> sid=diagram-secret-42').entries;
    const source = renderSequenceDiagram(entries, { redactor: scenarioRedactor([], entries) });
    assert.ok(!source.includes('diagram-secret-42'));
    assert.ok(!source.includes('<script>'));
    parseXml(source);
  });

  it('draws an empty transcript without failing', () => {
    const svg = parseXml(renderSequenceDiagram([], { redactor: NO_SECRETS }));
    assert.ok(labels(svg).includes('server'));
  });
});

describe('long labels', () => {
  const serverNote = 'error on the connection from port 52136: Invalid WebSocket frame: invalid opcode 3';
  const reason = 'the server is shutting down for scheduled maintenance, please reconnect in five minutes';

  it("wraps the server's note onto a second line instead of cutting the reason", () => {
    const entries = new TranscriptBuilder().connect('alice').note('server', serverNote).close('alice', 1002, '', true, 'server').entries;
    const svg = parseXml(renderSequenceDiagram(entries, { redactor: NO_SECRETS }));
    const note = findAll(svg, 'text').find((text) => readLabel(text).startsWith('error on the connection'));
    assert.ok(note, readLabels(svg).join(' | '));
    assert.equal(readLabel(note), serverNote);
    assert.ok(findAll(note, 'tspan').length >= 2, 'drawn on more than one line');
  });

  it('keeps a long close reason whole, with who closed and whether it was clean', () => {
    const entries = new TranscriptBuilder().connect('alice').connect('bob').close('alice', 1001, reason, false, 'server').entries;
    const text = readLabels(parseXml(renderSequenceDiagram(entries, { redactor: NO_SECRETS })));
    assert.ok(text.includes(`closed 1001 "${reason}", initiated by server, not clean`), text.join(' | '));
    assert.ok(!text.some((label) => label.includes('…')));
  });

  it("keeps the end of a long title, where the scenario's status is", () => {
    const title = 'Maintenance: every client is told to come back later with close code 1001 and a reason (failed)';
    const svg = parseXml(renderSequenceDiagram(new TranscriptBuilder().connect('alice').entries, { redactor: NO_SECRETS, title }));
    const heading = findAll(svg, 'text')
      .filter((text) => text.attributes['font-size'] === '14')
      .map((text) => allText(findAll(text, 'tspan')[0] ?? text))
      .join(' ');
    assert.equal(heading, `Sequence diagram: ${title}`);
  });

  it('makes a wrapped row taller, so the next row starts below its last line', () => {
    const entries = new TranscriptBuilder().connect('alice').note('server', serverNote).send('alice', 'next').entries;
    const source = renderSequenceDiagram(entries, { redactor: NO_SECRETS });
    const svg = parseXml(source);
    const texts = findAll(svg, 'text');
    const note = texts.find((text) => readLabel(text) === serverNote);
    const next = texts.find((text) => allText(text) === 'text 4 B next');
    assert.ok(note && next);
    const lastLine = Math.max(...findAll(note, 'tspan').map((line) => Number(line.attributes.y)));
    assert.ok(Number(next.attributes.y) - 11 > lastLine + 3, `next label at ${next.attributes.y}, note ends at ${lastLine}`);
    const short = parseXml(renderSequenceDiagram(new TranscriptBuilder().connect('alice').note('server', 'hi').send('alice', 'next').entries, { redactor: NO_SECRETS }));
    assert.ok(Number(svg.attributes.height) > Number(short.attributes.height));
  });

  it('cuts only what three lines cannot hold, and keeps the whole text in a tooltip', () => {
    const long = 'x'.repeat(400);
    const svg = parseXml(renderSequenceDiagram(new TranscriptBuilder().connect('alice').note('alice', long).entries, { redactor: NO_SECRETS }));
    const group = findAll(svg, 'g').find((g) => g.children.some((child) => child.name === 'title' && allText(child) === long));
    assert.ok(group, 'a tooltip with the full text');
    const text = findAll(group, 'text')[0];
    assert.ok(text);
    assert.equal(findAll(text, 'tspan').length, 3);
    assert.ok(readLabel(text).endsWith('…'));
    assert.ok(readLabel(text).length > 150, 'three lines of it shown');
  });

  it("puts a background behind a label that crosses another lane's lifeline", () => {
    const entries = new TranscriptBuilder()
      .connect('alice')
      .connect('bob')
      .send('alice', 'a message long enough to reach over bob')
      .send('bob', 'x')
      .error('alice', 'WSBDD_ERR_PROTOCOL', 'the server sent a frame with a reserved opcode').entries;
    const svg = parseXml(renderSequenceDiagram(entries, { redactor: NO_SECRETS }));
    const backed = (label: string): boolean =>
      findAll(svg, 'g').some(
        (g) => g.children[0]?.name === 'rect' && g.children.some((child) => child.name === 'text' && readLabel(child).startsWith(label)),
      );
    assert.ok(backed('text 39 B a message'), "alice's arrow label runs over bob's lane");
    assert.ok(backed('error WSBDD_ERR_PROTOCOL'), "alice's error runs over bob's lane");
    assert.ok(!backed('text 1 B x'), "bob's arrow crosses no other lane");
  });
});

describe('wrapping a label', () => {
  it('breaks between words, after a ":" when one comes late enough in the line', () => {
    assert.deepEqual(wrapText('error on the connection from port 52136: Invalid WebSocket frame: invalid opcode 3', 60, 3), {
      lines: ['error on the connection from port 52136:', 'Invalid WebSocket frame: invalid opcode 3'],
      cut: false,
    });
  });

  it('gives up the nicer break when it would need more lines than allowed, and cuts only the last line', () => {
    assert.deepEqual(wrapText('aaaa: bbbb cccc dddd', 12, 2), { lines: ['aaaa: bbbb', 'cccc dddd'], cut: false });
    assert.deepEqual(wrapText('aaaaaa: bb cccccc dd', 10, 2), { lines: ['aaaaaa: bb', 'cccccc dd'], cut: false });
    assert.deepEqual(wrapText('one two three four five six', 9, 2), { lines: ['one two', 'three fo…'], cut: true });
  });
});

describe('folding repeats', () => {
  const event = (label: string, flow: 'out' | 'in' = 'out'): DiagramEvent => ({
    type: 'arrow',
    t: 0,
    lane: 0,
    flow,
    tone: 'data',
    label,
    repeat: 1,
    frames: 1,
    isFrame: true,
  });

  it('folds single events repeated twice or more', () => {
    const folded = foldRepeats([event('a'), event('a'), event('a'), event('b')]);
    assert.deepEqual(
      folded.map((row) => [row.label, row.repeat, row.frames]),
      [
        ['a', 3, 3],
        ['b', 1, 1],
      ],
    );
  });

  it('folds a block of several events only when it comes back at least three times', () => {
    const twice = foldRepeats([event('p'), event('q', 'in'), event('p'), event('q', 'in')]);
    assert.equal(twice.length, 4);
    const thrice = foldRepeats([event('p'), event('q', 'in'), event('p'), event('q', 'in'), event('p'), event('q', 'in')]);
    assert.deepEqual(
      thrice.map((row) => [row.label, row.repeat, row.blockSize, row.inBlock]),
      [
        ['p', 3, 2, true],
        ['q', 3, undefined, true],
      ],
    );
  });
});

describe('a JSON message in the diagram', () => {
  it('is labelled with enough of it to recognise it, without escaped quotes', () => {
    const json = JSON.stringify({ type: 'order.created', id: 'ord-42', customer: { name: 'alice' }, items: [1, 2, 3] });
    const entries = new TranscriptBuilder().connect('alice').receive('alice', json).entries;
    const text = readLabels(parseXml(renderSequenceDiagram(entries, { redactor: NO_SECRETS })));
    const label = text.find((line) => line.startsWith('text '));
    assert.ok(label, text.join(' | '));
    // Wrapped lines are joined with a space here; the JSON has none of its own.
    assert.ok(label.replace(/ /g, '').includes('{"type":"order.created","id":"ord-42","customer":{"name":"alice"},"items"'), label);
    assert.ok(!label.includes('\\"'), label);
  });
});
